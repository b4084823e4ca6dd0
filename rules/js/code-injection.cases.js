const vm = require("vm");
const { runInNewContext } = require("node:vm");

// Request data reaching these calls is traced by the taint rule js/code-injection-taint, whose finding wins.
function calculate(expr) {
  // ruleid: js/code-injection
  return { result: eval(expr) };
}

function parseLegacy(text) {
  // ruleid: js/code-injection
  return eval("(" + text + ")");
}

function compileRule(rule) {
  // ruleid: js/code-injection
  const predicate = new Function("order", `return ${rule.condition};`);
  return orders.filter(predicate);
}

function runPlugin(plugin) {
  // ruleid: js/code-injection
  const out = vm.runInNewContext(plugin.source, { Math });
  // ruleid: js/code-injection
  const again = runInNewContext(plugin.source);
  // ruleid: js/code-injection
  const script = new vm.Script(plugin.source);
  return { out, again, script };
}

function poll(name) {
  // ruleid: js/code-injection
  setTimeout("refresh('" + name + "')", 1000);
}

function renderTemplate(text) {
  // ruleid: js/code-injection
  return eval(`\`${text}\``);
}

function makeCallback(args) {
  // ruleid: js/code-injection
  return Function(...args);
}

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

module.exports = { calculate, parseLegacy, compileRule, runPlugin, poll, renderTemplate, makeCallback, sum, constant, getGlobal, result, schedule, data };
