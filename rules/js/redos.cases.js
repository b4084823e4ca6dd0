const express = require("express");
const escapeStringRegexp = require("escape-string-regexp");

const app = express();
const products = ["laptop", "phone", "tablet"];

app.get("/filter", (req, res) => {
  // ruleid: js/redos
  const re = new RegExp(req.query.pattern);
  res.json(products.filter((p) => re.test(p)));
});

app.get("/starts", (req, res) => {
  // ruleid: js/redos
  const re = RegExp("^" + req.query.prefix, "i");
  res.json(products.filter((p) => re.test(p)));
});

app.get("/safe/filter", (req, res) => {
  // ok: js/redos
  const re = new RegExp(escapeStringRegexp(req.query.pattern), "i");
  res.json(products.filter((p) => re.test(p)));
});

app.get("/safe/fixed", (req, res) => {
  // ok: js/redos
  const re = new RegExp("^[a-z]+$");
  res.json({ valid: re.test(req.query.name) });
});

module.exports = app;
