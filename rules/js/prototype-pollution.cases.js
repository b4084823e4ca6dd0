const express = require("express");
const _ = require("lodash");

const app = express();
app.use(express.json());
const settings = {};

app.post("/settings", (req, res) => {
  const { section, key, value } = req.body;
  // ruleid: js/prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.put("/profile", (req, res) => {
  const profile = { theme: "light" };
  // ruleid: js/prototype-pollution
  _.merge(profile, req.body);
  res.json(profile);
});

app.patch("/prefs", (req, res) => {
  const prefs = {};
  // ruleid: js/prototype-pollution
  _.set(prefs, req.query.path, req.query.value);
  res.json(prefs);
});

app.post("/safe/settings", (req, res) => {
  const { section, key, value } = req.body;
  if (section === "__proto__" || section === "constructor" || section === "prototype") return res.status(400).end();
  // ok: js/prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.post("/safe/known", (req, res) => {
  const { section, key, value } = req.body;
  if (!Object.hasOwn(settings, section)) return res.status(404).end();
  // ok: js/prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.put("/safe/profile", (req, res) => {
  const profile = { theme: "light" };
  // ok: js/prototype-pollution
  Object.assign(profile, req.body);
  res.json(profile);
});

module.exports = app;
