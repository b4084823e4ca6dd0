const crypto = require("crypto");

function checkApiKey(req, res, next) {
  const apiKey = req.get("x-api-key");
  // ruleid: security/detect-possible-timing-attacks
  if (apiKey !== process.env.API_KEY) {
    return res.sendStatus(401);
  }
  next();
}

function verifyWebhook(signature, secret) {
  // ruleid: security/detect-possible-timing-attacks
  if (signature === secret) return true;
  return false;
}

function checkPassword(password, stored) {
  // ruleid: security/detect-possible-timing-attacks
  if (stored.hash != password) return false;
  return true;
}

function verifyWebhookSafely(signature, secret) {
  const a = Buffer.from(signature);
  const b = Buffer.from(secret);
  // ok: security/detect-possible-timing-attacks
  if (a.length !== b.length) return false;
  // ok: security/detect-possible-timing-attacks
  if (crypto.timingSafeEqual(a, b)) return true;
  return false;
}

function isAdmin(user) {
  // ok: security/detect-possible-timing-attacks
  if (user.role === "admin") return true;
  return false;
}

module.exports = { checkApiKey, verifyWebhook, checkPassword, verifyWebhookSafely, isAdmin };
