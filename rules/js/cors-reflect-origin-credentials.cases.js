const express = require("express");
const cors = require("cors");

const app = express();
const api = express.Router();
const ALLOWED = new Set(["https://app.example.com", "https://admin.example.com"]);

// ruleid: js/cors-reflect-origin-credentials
app.use(cors({ origin: true, credentials: true }));

api.use(
  cors({
    // ruleid: js/cors-reflect-origin-credentials
    origin: (origin, callback) => callback(null, true),
    credentials: true,
  }),
);

app.use(
  cors((req, callback) => {
    // ruleid: js/cors-reflect-origin-credentials
    callback(null, { origin: req.header("Origin"), credentials: true });
  }),
);

app.use((req, res, next) => {
  // ruleid: js/cors-reflect-origin-credentials
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

function corsHeaders(req, res, next) {
  const origin = req.get("origin");
  // ruleid: js/cors-reflect-origin-credentials
  res.set({ "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true" });
  next();
}

// ruleid: js/cors-reflect-origin-credentials
app.options("*", cors({ origin: "*", credentials: true }));

// ok: js/cors-reflect-origin-credentials
app.use("/public", cors({ origin: "*" }));

// ok: js/cors-reflect-origin-credentials
app.use(cors({ origin: [...ALLOWED], credentials: true }));

app.use(
  cors({
    // ok: js/cors-reflect-origin-credentials
    origin: (origin, callback) => callback(null, !origin || ALLOWED.has(origin)),
    credentials: true,
  }),
);

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && ALLOWED.has(origin)) {
    // ok: js/cors-reflect-origin-credentials
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Vary", "Origin");
  }
  next();
});

app.get("/embed.js", (req, res) => {
  // ok: js/cors-reflect-origin-credentials
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*");
  res.sendFile("embed.js", { root: "static" });
});

module.exports = { app, api, corsHeaders };
