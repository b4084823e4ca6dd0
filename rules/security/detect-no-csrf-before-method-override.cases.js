// Express 3 apps, which shipped csrf and methodOverride as express.* middleware.
const express = require("express");

function secureApp() {
  const app = express();
  app.use(express.bodyParser());
  // ok: security/detect-no-csrf-before-method-override
  app.use(express.methodOverride());
  app.use(express.csrf());
  return app;
}

function insecureApp() {
  const app = express();
  app.use(express.bodyParser());
  app.use(express.csrf());
  // ruleid: security/detect-no-csrf-before-method-override
  app.use(express.methodOverride());
  return app;
}

module.exports = { secureApp, insecureApp };
