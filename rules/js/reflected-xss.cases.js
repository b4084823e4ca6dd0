const express = require("express");
const Koa = require("koa");
const escapeHtml = require("escape-html");

const app = express();

app.get("/hello", (req, res) => {
  // ruleid: js/reflected-xss
  res.send(`<h1>Hello ${req.query.name}</h1>`);
});

app.get("/search", (req, res) => {
  const q = req.query.q;
  res.write("<p>Results for ");
  // ruleid: js/reflected-xss
  res.write(q);
  res.end("</p>");
});

const koa = new Koa();
koa.use(async (ctx) => {
  // ruleid: js/reflected-xss
  ctx.body = `<p>Not found: ${ctx.path}</p>`;
});

app.get("/safe/hello", (req, res) => {
  // ok: js/reflected-xss
  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);
});

app.get("/safe/api", (req, res) => {
  // ok: js/reflected-xss
  res.json({ echo: req.query.name });
});

app.get("/safe/count", (req, res) => {
  const n = parseInt(req.query.n, 10);
  // ok: js/reflected-xss
  res.send(`<p>${n} items</p>`);
});

koa.use(async (ctx) => {
  // ok: js/reflected-xss
  ctx.body = { path: ctx.path };
});

module.exports = { app, koa };
