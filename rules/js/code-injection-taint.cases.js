const express = require("express");
const vm = require("vm");

const app = express();

app.get("/calc", (req, res) => {
  // ruleid: js/code-injection-taint
  const result = eval(req.query.expr);
  res.json({ result });
});

app.post("/rule", (req, res) => {
  const body = req.body.code;
  // ruleid: js/code-injection-taint
  const check = new Function("order", body);
  res.json({ ok: check({ total: 10 }) });
});

app.get("/sandbox", (req, res) => {
  // ruleid: js/code-injection-taint
  res.json(vm.runInNewContext(req.query.script, {}));
});

app.get("/later", (req, res) => {
  // ruleid: js/code-injection-taint
  setTimeout("notify('" + req.query.user + "')", 1000);
  res.end();
});

app.get("/safe/calc", (req, res) => {
  const n = Number(req.query.n);
  // ok: js/code-injection-taint
  const result = eval("2 * " + n);
  res.json({ result });
});

app.get("/safe/later", (req, res) => {
  // ok: js/code-injection-taint
  setTimeout(() => res.end(req.query.user), 1000);
});

app.get("/safe/parse", (req, res) => {
  // ok: js/code-injection-taint
  res.json(JSON.parse(req.query.data));
});

module.exports = app;
