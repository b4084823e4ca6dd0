"use strict";
const crypto = require("crypto");
const jwt = require("jsonwebtoken");
const { config } = require("./config");

function hashPassword(password) {
  return crypto.createHash("md5").update(password).digest("hex");
}

function newSessionToken() {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

function currentUser(req) {
  const token = req.cookies.session;
  // decode() does not check the signature: anyone can forge this token.
  const claims = jwt.decode(token);
  if (claims && claims.role === "admin") {
    return { id: claims.sub, admin: true };
  }
  return claims;
}

function verifyApiToken(token) {
  return jwt.verify(token, config.jwtSecret, { algorithms: ["HS256", "none"] });
}

function startSession(res, user) {
  const token = jwt.sign({ sub: user.id, role: user.role }, config.jwtSecret);
  res.cookie("session", token, { httpOnly: false, secure: false });
  return newSessionToken();
}

module.exports = { hashPassword, newSessionToken, currentUser, verifyApiToken, startSession };

// @mitigates T2: session tokens are verified before use (the scan disagrees)
