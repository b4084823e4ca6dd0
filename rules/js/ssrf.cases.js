const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();

app.get("/preview", async (req, res) => {
  // ruleid: js/ssrf
  const page = await fetch(req.query.url);
  res.send(await page.text());
});

app.get("/proxy", async (req, res) => {
  const target = `${req.query.host}/status`;
  // ruleid: js/ssrf
  const { data } = await axios.get(target);
  res.json(data);
});

app.get("/webhook", (req, res) => {
  const options = new URL(req.body.callback);
  // ruleid: js/ssrf
  http.get(options, (r) => r.pipe(res));
});

app.get("/safe/users/:id", async (req, res) => {
  // ok: js/ssrf
  const { data } = await axios.get(`https://api.example.com/users/${encodeURIComponent(req.params.id)}`);
  res.json(data);
});

app.get("/safe/items/:id", async (req, res) => {
  // ok: js/ssrf
  const r = await fetch("https://api.example.com/items/" + req.params.id);
  res.json(await r.json());
});

const ALLOWED_HOSTS = ["images.example.com", "cdn.example.com"];
app.get("/safe/image", async (req, res) => {
  const url = new URL(req.query.src);
  if (!ALLOWED_HOSTS.includes(url.hostname)) return res.status(400).end();
  // ok: js/ssrf
  const r = await fetch(url);
  res.type(r.headers.get("content-type")).send(Buffer.from(await r.arrayBuffer()));
});

module.exports = app;
