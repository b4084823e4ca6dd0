const express = require("express");
const sqlite3 = require("sqlite3");
const fs = require("fs/promises");
const path = require("path");
const { execFile, exec } = require("child_process");
const needle = require("needle");
const sanitizeHtml = require("sanitize-html");
const { toSlug, renderMarkdown } = require("./text");

const app = express();
const db = new sqlite3.Database("blog.db");
const THEMES_DIR = path.join(__dirname, "themes");
const PAGE_SIZE = 20;

function listPosts(author, callback) {
  // ruleid: js/sql-injection
  db.all(`SELECT * FROM posts WHERE author = '${author}' ORDER BY created DESC`, callback);
}

function listPostsSafe(author, callback) {
  db.all("SELECT * FROM posts WHERE author = ? ORDER BY created DESC", [author], callback);
}

app.get("/authors/:name/posts", (req, res) => {
  listPosts(req.params.name, (err, rows) => res.json(rows));
});

app.get("/authors/:name/posts-safe", (req, res) => {
  // ok: js/sql-injection
  listPostsSafe(req.params.name, (err, rows) => res.json(rows));
});

app.get("/posts", (req, res) => {
  const page = Math.max(0, parseInt(req.query.page, 10) || 0);
  // ok: js/sql-injection
  db.all(`SELECT * FROM posts LIMIT ${PAGE_SIZE} OFFSET ${page * PAGE_SIZE}`, (err, rows) => res.json(rows));
});

app.get("/posts/search", (req, res) => {
  const terms = String(req.query.q || "").split(/\s+/).filter(Boolean);
  const where = terms.map((t) => `title LIKE '%${t}%'`).join(" OR ");
  // ruleid: js/sql-injection
  db.all("SELECT * FROM posts WHERE " + where, (err, rows) => res.json(rows));
});

app.get("/posts/search-safe", (req, res) => {
  const terms = String(req.query.q || "").split(/\s+/).filter(Boolean);
  const where = terms.map(() => "title LIKE ?").join(" OR ");
  // ok: js/sql-injection
  db.all("SELECT * FROM posts WHERE " + where, terms.map((t) => `%${t}%`), (err, rows) => res.json(rows));
});

app.post("/posts", (req, res) => {
  const { title, body, tags = [] } = req.body;
  const slug = toSlug(title);
  // ok: js/sql-injection
  db.run("INSERT INTO posts (slug, title, body, tags) VALUES (?, ?, ?, ?)", [slug, title, body, tags.join(",")]);
  // ruleid: js/sql-injection
  db.run(`UPDATE stats SET last_title = '${title}'`);
  res.status(201).json({ slug });
});

app.get("/posts/:slug", (req, res) => {
  db.get("SELECT * FROM posts WHERE slug = ?", [req.params.slug], (err, post) => {
    if (!post) {
      // ruleid: js/reflected-xss
      return res.status(404).send(`<h1>No post named ${req.params.slug}</h1>`);
    }
    // ok: js/reflected-xss
    res.send(renderMarkdown(post.body));
  });
});

app.get("/preview", (req, res) => {
  const html = renderMarkdown(req.query.md || "");
  // ok: js/reflected-xss
  res.send(sanitizeHtml(html));
});

app.get("/preview-raw", (req, res) => {
  const lines = String(req.query.md || "").split("\n");
  const html = lines.map((l) => `<p>${l}</p>`).join("");
  // ruleid: js/reflected-xss
  res.send(html);
});

app.get("/themes/:theme/style.css", async (req, res) => {
  const file = path.join(THEMES_DIR, req.params.theme, "style.css");
  // ruleid: js/path-traversal
  const css = await fs.readFile(file, "utf8");
  res.type("css").send(css);
});

app.get("/themes-safe/:theme/style.css", async (req, res) => {
  const themes = await fs.readdir(THEMES_DIR);
  if (!themes.includes(req.params.theme)) return res.sendStatus(404);
  // ok: js/path-traversal
  const css = await fs.readFile(path.join(THEMES_DIR, req.params.theme, "style.css"), "utf8");
  res.type("css").send(css);
});

app.post("/import", (req, res) => {
  const { feedUrl } = req.body;
  // ruleid: js/ssrf
  needle.get(feedUrl, (err, reply) => {
    if (err) return res.sendStatus(502);
    res.json({ size: reply.body.length });
  });
});

app.post("/import-known", (req, res) => {
  const feeds = { hn: "https://news.ycombinator.com/rss", lobsters: "https://lobste.rs/rss" };
  const feedUrl = feeds[req.body.feed];
  // ok: js/ssrf
  needle.get(feedUrl, (err, reply) => res.json({ size: reply ? reply.body.length : 0 }));
});

app.post("/backup", (req, res) => {
  const label = req.body.label;
  // ruleid: js/command-injection
  exec(`tar -czf backups/${label}.tgz posts/`, (err) => res.sendStatus(err ? 500 : 201));
});

app.post("/backup-safe", (req, res) => {
  const label = toSlug(req.body.label);
  // ok: js/command-injection
  execFile("tar", ["-czf", `backups/${label}.tgz`, "posts/"], (err) => res.sendStatus(err ? 500 : 201));
});

app.get("/go", (req, res) => {
  const { to = "/" } = req.query;
  // ruleid: js/open-redirect
  res.redirect(to);
});

app.get("/go-safe", (req, res) => {
  const to = String(req.query.to || "/");
  const local = to.startsWith("/") && !to.startsWith("//") ? to : "/";
  // ok: js/open-redirect
  res.redirect(local);
});

app.get("/highlight", (req, res) => {
  const word = req.query.word;
  // ruleid: js/redos
  const re = new RegExp(`\\b${word}\\b`, "gi");
  db.get("SELECT body FROM posts WHERE slug = ?", [req.query.slug], (err, post) => {
    res.json({ hits: (post.body.match(re) || []).length });
  });
});

app.get("/highlight-safe", (req, res) => {
  const word = String(req.query.word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // ok: js/redos
  const re = new RegExp(`\\b${word}\\b`, "gi");
  res.json({ pattern: re.source });
});

module.exports = app;
