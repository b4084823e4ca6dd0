const express = require("express");
const { exec, execFile, spawn } = require("child_process");
const cp = require("child_process");

const app = express();

app.post("/convert", (req, res) => {
  const file = req.body.file;
  // ruleid: js/command-injection
  execFile("convert", [file, "out.png"], (err) => res.sendStatus(err ? 500 : 200));
});

app.get("/log", (req, res) => {
  // ruleid: js/command-injection
  const out = cp.execFileSync("git", ["log", "--oneline", req.query.ref]);
  res.type("text").send(out);
});

app.get("/grep", (req, res) => {
  // ruleid: js/command-injection
  const child = spawn("grep", [req.query.pattern, "app.log"], { shell: true });
  child.stdout.pipe(res);
});

app.get("/ping", (req, res) => {
  const host = req.query.host;
  // ruleid: js/command-injection
  spawn("sh", ["-c", "ping -c 1 " + host]).stdout.pipe(res);
});

app.get("/safe/grep", (req, res) => {
  // ok: js/command-injection
  const child = spawn("grep", [req.query.pattern, "app.log"]);
  child.stdout.pipe(res);
});

app.get("/safe/log", (req, res) => {
  // ok: js/command-injection
  cp.execFile("git", ["log", "--oneline", req.query.ref], (err, out) => res.type("text").send(out));
});

app.get("/safe/status", (req, res) => {
  // ok: js/command-injection
  exec("git status --short", (err, out) => res.type("text").send(out));
});

app.get("/safe/tail", (req, res) => {
  const lines = parseInt(req.query.lines, 10);
  // ok: js/command-injection
  exec("tail -n " + lines + " app.log", (err, out) => res.type("text").send(out));
});

module.exports = app;
