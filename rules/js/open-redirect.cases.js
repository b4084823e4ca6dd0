const express = require("express");

const app = express();

app.get("/login/done", (req, res) => {
  // ruleid: js/open-redirect
  res.redirect(req.query.next);
});

app.get("/out", (req, res) => {
  const target = req.query.to;
  // ruleid: js/open-redirect
  res.redirect(302, target);
});

app.get("/legacy", (req, res) => {
  // ruleid: js/open-redirect
  res.setHeader("Location", req.query.url);
  res.statusCode = 302;
  res.end();
});

app.get("/safe/profile", (req, res) => {
  // ok: js/open-redirect
  res.redirect("/users/" + encodeURIComponent(req.query.id));
});

app.get("/safe/section", (req, res) => {
  // ok: js/open-redirect
  res.redirect(`/docs/${req.query.section}`);
});

const ALLOWED = new Set(["/", "/account", "/orders"]);
app.get("/safe/next", (req, res) => {
  const next = req.query.next;
  // ok: js/open-redirect
  res.redirect(ALLOWED.has(next) ? next : "/");
});

module.exports = app;
