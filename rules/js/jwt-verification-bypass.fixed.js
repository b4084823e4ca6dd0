const express = require("express");
const jwt = require("jsonwebtoken");
const { expressjwt } = require("express-jwt");
const { SignJWT, jwtVerify, decodeJwt } = require("jose");

const app = express();
const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY;

function authenticate(req, res, next) {
  const token = (req.headers.authorization || "").replace(/^Bearer /, "");
  try {
    // ruleid: js/jwt-verification-bypass
    req.user = jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

// ruleid: js/jwt-verification-bypass
app.use(expressjwt({ secret: PUBLIC_KEY, algorithms: ["none"] }));

function requireAdmin(req, res, next) {
  // ruleid: js/jwt-verification-bypass
  const claims = jwt.decode(req.cookies.session);
  if (!claims || claims.role !== "admin") return res.sendStatus(403);
  next();
}

app.use((req, res, next) => {
  // ruleid: js/jwt-verification-bypass
  req.user = jwt.decode(req.get("x-access-token"));
  next();
});

async function currentUser(token) {
  // ruleid: js/jwt-verification-bypass
  return decodeJwt(token);
}

function issueDebugToken(user) {
  // ruleid: js/jwt-verification-bypass
  return jwt.sign({ sub: user.id }, "", { algorithm: "none" });
}

async function issueUnsecured(user) {
  // ruleid: js/jwt-verification-bypass
  return new SignJWT({ sub: user.id }).setProtectedHeader({ alg: "none" }).sign(new Uint8Array());
}

function verifyWithKid(req, res, next) {
  // ok: js/jwt-verification-bypass
  const { header } = jwt.decode(req.token, { complete: true });
  const key = keys.get(header.kid);
  req.user = jwt.verify(req.token, key, { algorithms: ["RS256"] });
  next();
}

function scheduleRefresh(token) {
  // ok: js/jwt-verification-bypass
  const decoded = jwt.decode(token);
  if (decoded.exp * 1000 - Date.now() < 60000) refresh();
}

function logTokenSubject(token) {
  // ok: js/jwt-verification-bypass
  const claims = jwt.decode(token);
  console.log("token for", claims && claims.sub);
}

async function verifyJose(token, key) {
  // ok: js/jwt-verification-bypass
  const { payload } = await jwtVerify(token, key, { algorithms: ["ES256"] });
  return payload;
}

// ok: js/jwt-verification-bypass
const algorithmLabels = { alg: "none", label: "No signature" };

// ok: js/jwt-verification-bypass
const strict = jwt.verify(process.argv[2], PUBLIC_KEY, { algorithms: ["RS256"] });

module.exports = { app, authenticate, requireAdmin, currentUser, issueDebugToken, issueUnsecured, verifyWithKid, scheduleRefresh, logTokenSubject, verifyJose, algorithmLabels, strict };
