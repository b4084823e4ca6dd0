const express = require("express");
const crypto = require("crypto");

const app = express();

app.post("/password-reset", async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  // ruleid: js/insecure-randomness
  const resetToken = Math.random().toString(36).slice(2);
  await db.resets.insert({ userId: user.id, resetToken });
  res.sendStatus(204);
});

function generateSessionId(length = 32) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  for (let i = 0; i < length; i++) {
    // ruleid: js/insecure-randomness
    out += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  }
  return out;
}

function sendLoginCode(user) {
  // ruleid: js/insecure-randomness
  const otp = Math.floor(Math.random() * 1000000);
  return sms.send(user.phone, `Your code is ${String(otp).padStart(6, "0")}`);
}

const session = {
  user: null,
  // ruleid: js/insecure-randomness
  csrfToken: Math.random().toString(16).substring(2),
};

// ruleid: js/insecure-randomness
const makeNonce = () => Math.random().toString(36);

function retryWithBackoff(fn, attempt) {
  // ok: js/insecure-randomness
  const delay = 2 ** attempt * 100 + Math.random() * 100;
  return new Promise((resolve) => setTimeout(resolve, delay)).then(fn);
}

function refreshToken(client) {
  // ok: js/insecure-randomness
  return sleep(Math.random() * 500).then(() => client.refresh());
}

// ok: js/insecure-randomness
const sampled = Math.random() < 0.1;

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    // ok: js/insecure-randomness
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function generateToken() {
  // ok: js/insecure-randomness
  return crypto.randomBytes(32).toString("hex");
}

// ok: js/insecure-randomness
const elementId = `field-${Math.random().toString(36).slice(2)}`;

module.exports = { app, generateSessionId, sendLoginCode, session, makeNonce, retryWithBackoff, refreshToken, sampled, shuffle, generateToken, elementId };
