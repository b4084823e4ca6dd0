const express = require("express");

const app = express();

app.get("/download", (req, res) => {
  // ruleid: js/header-injection
  res.setHeader("Content-Disposition", `attachment; filename="${req.query.name}"`);
  res.send("data");
});

app.get("/lang", (req, res) => {
  // ruleid: js/header-injection
  res.set("Content-Language", req.headers["accept-language"]);
  res.send("ok");
});

app.get("/safe/download", (req, res) => {
  // ok: js/header-injection
  res.setHeader("Content-Disposition", `attachment; filename="${encodeURIComponent(req.query.name)}"`);
  res.send("data");
});

app.get("/safe/cache", (req, res) => {
  // ok: js/header-injection
  res.set("Cache-Control", "no-store");
  res.send("ok");
});

module.exports = app;
