const path = require("path");

function loadPlugin(name) {
  // ruleid: security/detect-non-literal-require
  return require(`./plugins/${name}`);
}

function loadLocale(req) {
  // ruleid: security/detect-non-literal-require
  return require(path.join(__dirname, "locales", req.query.lang));
}

function loadHandler(name) {
  // ruleid: security/detect-non-literal-require
  return require(name);
}

// ok: security/detect-non-literal-require
const config = require("./config");

const CORE_PLUGIN = "./plugins/core";
// ok: security/detect-non-literal-require
const core = require(CORE_PLUGIN);

function loadKnownPlugin(name) {
  switch (name) {
    case "csv":
      // ok: security/detect-non-literal-require
      return require("./plugins/csv");
    case "json":
      // ok: security/detect-non-literal-require
      return require("./plugins/json");
    default:
      throw new Error(`unknown plugin ${name}`);
  }
}

module.exports = { loadPlugin, loadLocale, loadHandler, config, core, loadKnownPlugin };
