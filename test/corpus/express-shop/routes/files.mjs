import express from "express";
import fs from "node:fs";
import path from "node:path";
import { readInvoice, readInvoiceSafely, invoicePath } from "../lib/files.js";
import shell from "../lib/shell.js";

const router = express.Router();
const PUBLIC_DIR = path.resolve("public");

router.get("/invoices/:name", async (req, res) => {
  // ruleid: js/path-traversal
  res.type("text").send(await readInvoice(req.params.name));
});

router.get("/invoices-safe/:name", async (req, res) => {
  // ok: js/path-traversal
  res.type("text").send(await readInvoiceSafely(req.params.name));
});

router.get("/invoices/:name/download", (req, res) => {
  const file = invoicePath(req.params.name);
  // ruleid: js/path-traversal
  res.download(file);
});

router.get("/static", (req, res) => {
  const requested = path.resolve(PUBLIC_DIR, req.query.file);
  if (!requested.startsWith(PUBLIC_DIR + path.sep)) {
    return res.status(403).send("Forbidden");
  }
  // ok: js/path-traversal
  fs.createReadStream(requested).pipe(res);
});

router.get("/static-unchecked", (req, res) => {
  const requested = path.resolve(PUBLIC_DIR, req.query.file);
  // ruleid: js/path-traversal
  fs.createReadStream(requested).pipe(res);
});

router.get("/docs/:page", (req, res) => {
  // ok: js/path-traversal
  res.sendFile(req.params.page + ".html", { root: path.join(PUBLIC_DIR, "docs") });
});

router.post("/upload-note", (req, res) => {
  const { title, body } = req.body;
  // ruleid: js/path-traversal
  fs.writeFileSync(path.join("notes", title + ".md"), body);
  res.sendStatus(201);
});

router.post("/upload-note-safe", (req, res) => {
  const { body } = req.body;
  const id = Date.now();
  // ok: js/path-traversal
  fs.writeFileSync(path.join("notes", id + ".md"), body);
  res.sendStatus(201);
});

router.post("/thumbnail", (req, res) => {
  // ruleid: js/command-injection
  shell.thumbnail(req.body.image, req.body.size, (err) => res.sendStatus(err ? 500 : 200));
});

router.post("/thumbnail-safe", (req, res) => {
  // ok: js/command-injection
  shell.thumbnailSafely(req.body.image, req.body.size, (err) => res.sendStatus(err ? 500 : 200));
});

router.post("/thumbnail-fixed", (req, res) => {
  const size = parseInt(req.body.size, 10);
  // ok: js/command-injection
  shell.thumbnail("upload.png", size, (err) => res.sendStatus(err ? 500 : 200));
});

router.post("/backup", async (req, res) => {
  // ruleid: js/command-injection
  await shell.archive(req.body.folder);
  res.sendStatus(202);
});

export default router;
