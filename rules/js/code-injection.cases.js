const express = require("express");
const vm = require("vm");
const { runInNewContext } = require("node:vm");

const app = express();

app.get("/calc", (req, res) => {
  // ruleid: js/code-injection
  res.json({ result: eval(req.query.expr) });
});

function parseLegacy(text) {
  // ruleid: js/code-injection
  return eval("(" + text + ")");
}

app.post("/rules", (req, res) => {
  // ruleid: js/code-injection
  const predicate = new Function("order", `return ${req.body.condition};`);
  res.json(orders.filter(predicate));
});

app.post("/sandbox", (req, res) => {
  // ruleid: js/code-injection
  const out = vm.runInNewContext(req.body.script, { Math });
  // ruleid: js/code-injection
  const again = runInNewContext(req.body.script);
  // ruleid: js/code-injection
  const script = new vm.Script(req.body.script);
  res.json({ out, again, script: String(script) });
});

function poll(name) {
  // ruleid: js/code-injection
  setTimeout("refresh('" + name + "')", 1000);
}

// ruleid: js/code-injection
const template = eval(`\`${process.argv[2]}\``);

// ruleid: js/code-injection
const callback = Function(...process.argv.slice(2));

// ruleid: js/code-injection
const sum = eval(`1 + 2`);

// ok: js/code-injection
const constant = eval("2 + 2");
// ok: js/code-injection
const getGlobal = new Function("return this");
// ok: js/code-injection
const result = vm.runInNewContext("a + b", { a: 1, b: 2 });

function schedule(task, delayMs) {
  // ok: js/code-injection
  setTimeout(task, delayMs);
  // ok: js/code-injection
  setInterval(() => task(delayMs), delayMs * 2);
}

// ok: js/code-injection
const data = JSON.parse(process.argv[2]);

module.exports = { app, parseLegacy, poll, template, callback, sum, constant, getGlobal, result, schedule, data };
