const express = require("express");
const AWS = require("aws-sdk");
const Stripe = require("stripe");
const { Octokit } = require("@octokit/rest");

// Provider-issued tokens are reported wherever they stand by secrets/provider-token (one finding a spot).
// ruleid: secrets/provider-token
const stripe = new Stripe("sk_live_51Hc8Qz2eZvKYlo2CmFqT9wXy");

const s3 = new AWS.S3({
  // ruleid: secrets/provider-token
  accessKeyId: "AKIAZ7Q4JH2LRX5TWV3M",
  // ruleid: secrets/provider-token
  secretAccessKey: "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",
});

// ruleid: js/hardcoded-credentials
const octokit = new Octokit({ auth: `ghp_R8aK2mX9vQ4tL7wB3nZ6yH1cJ5dF0gS2pE8u` });

const db = {
  host: "db.internal",
  user: "app",
  // ruleid: js/hardcoded-credentials
  password: "t7#Kq9v!Lm2xR4zW",
};

class Mailer {
  // ruleid: js/hardcoded-credentials
  apiKey = "SG4f9a8c7e6d5b4a3c2e1f0a9b8c7d6e5f4";
}

// ruleid: js/hardcoded-credentials
function connect(host, clientSecret = "Zx8vN3qR7tY2wK5m") {
  return oauth.connect(host, clientSecret);
}

const app = express();
app.post("/admin", (req, res) => {
  // ruleid: js/hardcoded-credentials
  if (req.headers["x-admin-token"] === "8c1f5e2a9d7b4036e1f2a9c8") return res.send(adminPanel());
  res.sendStatus(403);
});

// ruleid: secrets/provider-token
const jwtSecret = process.env.JWT_SECRET || "sk_live_9Xq2Wm4Rt7Yp1Zs8Lk3Vn6Bc";

// ok: js/hardcoded-credentials
const sessionSecret = process.env.SESSION_SECRET || "";
// ok: js/hardcoded-credentials
const apiToken = process.env.API_TOKEN || "dev-9f8e7d6c5b4a3f2e1d0c";
// ok: js/hardcoded-credentials
const config = { password: "changeme", apiKey: "<your-api-key>", token: "${TOKEN}" };
// ok: js/hardcoded-credentials
const testCredentials = { password: "test-password-123", secret: "xxxxxxxxxxxxxxxx" };
// ok: js/hardcoded-credentials
const TOKEN_STORAGE_KEY = "auth_token_storage_key";
// ok: js/hardcoded-credentials
const passwordHint = "Use 12+ chars, a digit and a symbol";
// ok: js/hardcoded-credentials
const tokenUrl = "https://auth.example.com/oauth/token";
// ok: js/hardcoded-credentials
const exampleKey = "AKIAIOSFODNN7EXAMPLE";
// ok: js/hardcoded-credentials
const devSecret = process.env.COOKIE_SECRET || "k3Jd9sL2qP8wX5zR";
const Events = {
  // ok: js/hardcoded-credentials
  ACQUIRE_TOKEN_START: "msal:acquireTokenStart",
  // ok: js/hardcoded-credentials
  PASSWORD_REQUIRED_V2: "FlowPasswordRequiredResultV2",
  // ok: js/hardcoded-credentials
  SHA256_TOKEN_TO_REFRESH: "token_sha256_to_refresh",
};
// ok: js/hardcoded-credentials
const buildId = "9f8e7d6c5b4a3f2e1d0c";
// ok: js/hardcoded-credentials
const secretName = "prod/payments/stripe-key-v2";

module.exports = { stripe, s3, octokit, db, Mailer, connect, app, jwtSecret, sessionSecret, apiToken, config, testCredentials, TOKEN_STORAGE_KEY, passwordHint, tokenUrl, exampleKey, devSecret, Events, buildId, secretName };
