// Off by default (too noisy); the fixtures run with every rule on.

function setPreference(req, res, prefs) {
  const key = req.body.key;
  // ruleid: security/detect-object-injection
  prefs[key] = req.body.value;
  res.sendStatus(204);
}

function dispatch(handlers, req) {
  const action = req.params.action;
  // ruleid: security/detect-object-injection
  return handlers[action](req);
}

function lookup(table, name) {
  // ruleid: security/detect-object-injection
  const entry = table[name];
  return entry;
}

function sum(values) {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    // ruleid: security/detect-object-injection
    total += values[i];
  }
  return total;
}

function safeLookup(table, name) {
  // ok: security/detect-object-injection
  return Object.hasOwn(table, name) ? table.get(name) : undefined;
}

function first(values) {
  // ok: security/detect-object-injection
  return values[0] ?? values["fallback"];
}

function fromMap(settings, key) {
  // ok: security/detect-object-injection
  return new Map(Object.entries(settings)).get(key);
}

module.exports = { setPreference, dispatch, lookup, sum, safeLookup, first, fromMap };
