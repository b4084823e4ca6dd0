const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const UPLOADS = path.join(__dirname, "uploads");

app.get("/download", (req, res) => {
  const file = path.join(UPLOADS, req.query.name);
  // ruleid: js/path-traversal
  fs.readFile(file, (err, data) => res.send(data));
});

app.get("/files/:name", (req, res) => {
  // ruleid: js/path-traversal
  res.sendFile(path.resolve(UPLOADS, req.params.name));
});

app.delete("/files/:name", async (req, res) => {
  // ruleid: js/path-traversal
  await fs.promises.unlink(`${UPLOADS}/${req.params.name}`);
  res.sendStatus(204);
});

app.get("/safe/download", (req, res) => {
  const file = path.join(UPLOADS, path.basename(req.query.name));
  // ok: js/path-traversal
  fs.readFile(file, (err, data) => res.send(data));
});

app.get("/safe/files/:name", (req, res) => {
  // ok: js/path-traversal
  res.sendFile(req.params.name, { root: UPLOADS });
});

app.get("/safe/resolved", (req, res) => {
  const file = path.resolve(UPLOADS, req.query.name);
  if (!file.startsWith(UPLOADS + path.sep)) return res.status(403).end();
  // ok: js/path-traversal
  fs.createReadStream(file).pipe(res);
});

app.get("/safe/static", (req, res) => {
  // ok: js/path-traversal
  fs.readFile(path.join(__dirname, "public", "index.html"), (err, data) => res.send(data));
});

module.exports = app;
