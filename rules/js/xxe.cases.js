const express = require("express");
const libxmljs = require("libxmljs");

const app = express();
app.use(express.text({ type: "application/xml" }));

app.post("/import", (req, res) => {
  // ruleid: js/xxe
  const doc = libxmljs.parseXml(req.body, { noent: true });
  res.json({ items: doc.find("//item").length });
});

app.post("/safe/import", (req, res) => {
  // ok: js/xxe
  const doc = libxmljs.parseXml(req.body);
  res.json({ items: doc.find("//item").length });
});

app.post("/safe/explicit", (req, res) => {
  // ok: js/xxe
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true });
  res.json({ items: doc.find("//item").length });
});

module.exports = app;
