const path = require("path");
const cp = require("child_process");
const { exec, execFile } = require("node:child_process");

function gitLog(ref, callback) {
  // ruleid: security/detect-child-process
  cp.exec(`git log --oneline ${ref}`, callback);
}

function convert(req, res) {
  const cmd = "convert " + req.query.file + " out.png";
  // ruleid: security/detect-child-process
  exec(cmd, (err) => res.sendStatus(err ? 500 : 200));
}

function lazyShell(command) {
  // ruleid: security/detect-child-process
  return require("child_process").exec(command);
}

function loadRunner(wrap) {
  // ruleid: security/detect-child-process
  return wrap(require("child_process"));
}

function gitLogSafe(ref, callback) {
  // ok: security/detect-child-process
  execFile("git", ["log", "--oneline", ref], callback);
}

function status(callback) {
  // ok: security/detect-child-process
  exec("git status --porcelain", callback);
}

function listBuildDir(callback) {
  const dir = path.join("dist", "assets");
  // ok: security/detect-child-process
  cp.exec(`ls -la ${dir}`, callback);
}

module.exports = { gitLog, convert, lazyShell, loadRunner, gitLogSafe, status, listBuildDir };
