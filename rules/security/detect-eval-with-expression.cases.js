// Off by default: js/code-injection replaces it. The fixtures run with every rule on.

function parseLegacyConfig(body) {
  // ruleid: security/detect-eval-with-expression
  return eval("(" + body + ")");
}

function calculate(req, res) {
  // ruleid: security/detect-eval-with-expression
  res.json({ result: eval(req.query.expression) });
}

function runSnippet(snippet) {
  // ruleid: security/detect-eval-with-expression
  return eval(`${snippet}`);
}

function constant() {
  // ok: security/detect-eval-with-expression
  return eval("6 * 7");
}

function parseConfig(body) {
  // ok: security/detect-eval-with-expression
  return JSON.parse(body);
}

module.exports = { parseLegacyConfig, calculate, runSnippet, constant, parseConfig };
