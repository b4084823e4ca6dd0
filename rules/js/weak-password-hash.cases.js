const crypto = require("crypto");
const md5 = require("md5");
const express = require("express");

const router = express.Router();

router.post("/signup", async (req, res) => {
  const { email, password } = req.body;
  // ruleid: js/weak-password-hash
  const digest = crypto.createHash("md5").update(password).digest("hex");
  await db.users.insert({ email, passwordDigest: digest });
  res.status(201).end();
});

function hashPassword(plain, salt) {
  // ruleid: js/weak-password-hash
  return crypto.createHash("sha1").update(salt + plain).digest("hex");
}

function storeCredentials(user, input) {
  // ruleid: js/weak-password-hash
  const hasher = crypto.createHash("sha1");
  hasher.update(input.newPassword);
  user.hash = hasher.digest("base64");
}

function legacyLogin(user, pwd) {
  // ruleid: js/weak-password-hash
  return user.hash === md5(pwd);
}

const account = {
  // ruleid: js/weak-password-hash
  password: crypto.createHash("md5").update(process.argv[2]).digest("hex"),
};

// ok: js/weak-password-hash
const etag = crypto.createHash("md5").update(JSON.stringify(account)).digest("hex");

function cacheKey(url, params) {
  // ok: js/weak-password-hash
  return crypto.createHash("sha1").update(url + JSON.stringify(params)).digest("hex");
}

async function hashPasswordSafely(password) {
  // ok: js/weak-password-hash
  const salt = crypto.createHash("sha256").update(crypto.randomBytes(16)).digest();
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, 64, (err, key) => (err ? reject(err) : resolve(key.toString("hex")))),
  );
}

// ok: js/weak-password-hash
const fileChecksum = md5(fs.readFileSync("bundle.js"));

module.exports = { router, hashPassword, storeCredentials, legacyLogin, etag, cacheKey, hashPasswordSafely, fileChecksum };
