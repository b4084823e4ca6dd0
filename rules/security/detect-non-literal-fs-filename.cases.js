const fs = require("fs");
const path = require("path");
const { createReadStream } = require("node:fs");
const fsp = require("fs").promises;

function download(req, res) {
  // ruleid: security/detect-non-literal-fs-filename
  createReadStream(req.query.file).pipe(res);
}

function readAvatar(userId) {
  // ruleid: security/detect-non-literal-fs-filename
  return fs.readFileSync(path.join(__dirname, "avatars", userId + ".png"));
}

async function saveUpload(name, data) {
  // ruleid: security/detect-non-literal-fs-filename
  await fsp.writeFile(`/srv/uploads/${name}`, data);
}

function readConfig() {
  // ok: security/detect-non-literal-fs-filename
  return JSON.parse(fs.readFileSync(path.join("config", "app.json"), "utf8"));
}

function readDefaults() {
  // ok: security/detect-non-literal-fs-filename
  return fs.readFileSync("./defaults.json", "utf8");
}

function readTemplate() {
  const templatePath = path.resolve("templates", "mail.html");
  // ok: security/detect-non-literal-fs-filename
  return fs.readFileSync(templatePath, "utf8");
}

module.exports = { download, readAvatar, saveUpload, readConfig, readDefaults, readTemplate };
