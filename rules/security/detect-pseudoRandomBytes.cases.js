const crypto = require("crypto");

function sessionId() {
  // ruleid: security/detect-pseudoRandomBytes
  return crypto.pseudoRandomBytes(32).toString("hex");
}

function resetToken(callback) {
  // ruleid: security/detect-pseudoRandomBytes
  crypto.pseudoRandomBytes(24, (err, buf) => callback(err, buf && buf.toString("base64url")));
}

function sessionIdSafely() {
  // ok: security/detect-pseudoRandomBytes
  return crypto.randomBytes(32).toString("hex");
}

function requestId() {
  // ok: security/detect-pseudoRandomBytes
  return crypto.randomUUID();
}

module.exports = { sessionId, resetToken, sessionIdSafely, requestId };
