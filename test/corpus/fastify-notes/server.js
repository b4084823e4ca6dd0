"use strict";
const fastify = require("fastify")({ logger: true });
const Database = require("better-sqlite3");
const { spawn } = require("node:child_process");
const path = require("node:path");
const fs = require("node:fs");
const { notesDir, sanitizeTitle } = require("./paths");

const db = new Database("notes.db");

fastify.get("/notes", async (request) => {
  const tag = request.query.tag;
  // ruleid: js/sql-injection
  return db.prepare(`SELECT * FROM notes WHERE tag = '${tag}'`).all();
});

fastify.get("/notes/by-tag", async (request) => {
  // ok: js/sql-injection
  return db.prepare("SELECT * FROM notes WHERE tag = ?").all(request.query.tag);
});

fastify.get("/notes/:id", async (request) => {
  const id = parseInt(request.params.id, 10);
  // ok: js/sql-injection
  return db.prepare("SELECT * FROM notes WHERE id = " + id).get();
});

fastify.delete("/notes/:id", async (request) => {
  // ruleid: js/sql-injection
  db.exec("DELETE FROM notes WHERE id = " + request.params.id);
  return { deleted: true };
});

fastify.get("/notes/order", async (request) => {
  const dir = request.query.dir === "asc" ? "ASC" : "DESC";
  // ok: js/sql-injection
  return db.prepare("SELECT * FROM notes ORDER BY created " + dir).all();
});

fastify.get("/notes/:id/file", async (request, reply) => {
  const file = path.join(notesDir(), request.params.id + ".txt");
  // ruleid: js/path-traversal
  return reply.send(fs.createReadStream(file));
});

fastify.post("/notes/:title", async (request) => {
  const file = path.join(notesDir(), sanitizeTitle(request.params.title) + ".txt");
  // ok: js/path-traversal
  fs.writeFileSync(file, request.body.text);
  return { saved: true };
});

fastify.get("/export", async (request, reply) => {
  const format = request.query.format;
  // ruleid: js/command-injection
  const child = spawn("pandoc", ["-t", format, "notes.md"], { shell: true });
  return reply.send(child.stdout);
});

fastify.get("/export-safe", async (request, reply) => {
  const format = ["html", "pdf", "docx"].includes(request.query.format) ? request.query.format : "html";
  // ok: js/command-injection
  const child = spawn("pandoc", ["-t", format, "notes.md"], { shell: true });
  return reply.send(child.stdout);
});

fastify.get("/share", async (request, reply) => {
  // ruleid: js/open-redirect
  return reply.redirect(request.query.target);
});

fastify.get("/share-local", async (request, reply) => {
  // ok: js/open-redirect
  return reply.redirect("/notes/" + Number(request.query.id));
});

fastify.get("/render", async (request, reply) => {
  reply.type("text/html");
  // ruleid: js/reflected-xss
  reply.raw.end("<p>" + request.query.text + "</p>");
});

fastify.listen({ port: 3000 });
