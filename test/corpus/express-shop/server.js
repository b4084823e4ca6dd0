const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");
const escapeHtml = require("escape-html");
const users = require("./routes/users");
const products = require("./routes/products");

const app = express();
app.use(express.json());
app.use(cookieParser());
app.use("/users", users);
app.use("/products", products);

const SAFE_RETURN_PATHS = new Set(["/", "/cart", "/account"]);

app.get("/login/callback", (req, res) => {
  const returnTo = req.query.returnTo;
  // ruleid: js/open-redirect
  res.redirect(returnTo);
});

app.get("/login/callback-safe", (req, res) => {
  const returnTo = req.query.returnTo;
  if (!SAFE_RETURN_PATHS.has(returnTo)) return res.redirect("/");
  // ok: js/open-redirect
  res.redirect(returnTo);
});

app.get("/go/:slug", (req, res) => {
  // ok: js/open-redirect
  res.redirect(301, "/products/" + req.params.slug);
});

app.get("/logout", (req, res) => {
  // ruleid: js/open-redirect
  res.redirect(req.get("Referer") || "/");
});

app.get("/prefs", (req, res) => {
  const raw = Buffer.from(req.cookies.prefs || "", "base64").toString("utf8");
  // ruleid: js/unsafe-deserialization
  const prefs = serialize.unserialize(raw);
  res.json(prefs);
});

app.get("/prefs-json", (req, res) => {
  const raw = Buffer.from(req.cookies.prefs || "", "base64").toString("utf8");
  // ok: js/unsafe-deserialization
  res.json(JSON.parse(raw || "{}"));
});

app.get("/error", (req, res) => {
  const message = req.query.message;
  // ruleid: js/reflected-xss
  res.status(500).send(`<div class="error">${message}</div>`);
});

app.get("/error-safe", (req, res) => {
  // ok: js/reflected-xss
  res.status(500).send(`<div class="error">${escapeHtml(req.query.message)}</div>`);
});

app.get("/error-text", (req, res) => {
  const code = Number(req.query.code);
  // ok: js/reflected-xss
  res.status(500).send("<div class='error'>Error code " + code + "</div>");
});

app.get("/export", (req, res) => {
  const filename = req.query.filename || "export.csv";
  // ruleid: js/header-injection
  res.setHeader("Content-Disposition", "attachment; filename=" + filename);
  res.send("id,name\n");
});

app.get("/export-safe", (req, res) => {
  // ok: js/header-injection
  res.setHeader("Content-Disposition", "attachment; filename=" + encodeURIComponent(req.query.filename || "export.csv"));
  res.send("id,name\n");
});

app.get("/track", (req, res) => {
  // ok: js/header-injection
  res.setHeader("X-Request-Id", String(Date.now()));
  res.end();
});

app.listen(3000);
