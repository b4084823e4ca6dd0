const express = require("express");
const serialize = require("node-serialize");
const yaml = require("js-yaml");

const app = express();

app.get("/session", (req, res) => {
  const raw = Buffer.from(req.cookies.profile, "base64").toString();
  // ruleid: js/unsafe-deserialization
  const profile = serialize.unserialize(raw);
  res.json(profile);
});

app.post("/config", (req, res) => {
  // ruleid: js/unsafe-deserialization
  const config = yaml.load(req.body.yaml, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json(config);
});

app.post("/safe/config", (req, res) => {
  // ok: js/unsafe-deserialization
  const config = yaml.load(req.body.yaml, { schema: yaml.JSON_SCHEMA });
  res.json(config);
});

app.get("/safe/session", (req, res) => {
  // ok: js/unsafe-deserialization
  res.json(JSON.parse(req.cookies.profile));
});

module.exports = app;
