const express = require("express");
const db = require("../lib/db");
const axios = require("axios");

const router = express.Router();
const REVIEWS_API = "https://reviews.internal.example.com";

router.get("/search", async (req, res) => {
  // ok: js/sql-injection
  const { rows } = await db.searchProducts(req.query.q, req.query.sort);
  res.json(rows);
});

router.get("/category/:name", async (req, res) => {
  // ruleid: js/sql-injection
  const { rows } = await db.productsInCategory(req.params.name);
  res.json(rows);
});

router.get("/category-safe/:name", async (req, res) => {
  const allowed = ["books", "games", "music"];
  if (!allowed.includes(req.params.name)) return res.sendStatus(404);
  // ok: js/sql-injection
  const { rows } = await db.productsInCategory(req.params.name);
  res.json(rows);
});

router.get("/:id/reviews", async (req, res) => {
  // ok: js/ssrf
  const { data } = await axios.get(`${REVIEWS_API}/products/${encodeURIComponent(req.params.id)}/reviews`);
  res.json(data);
});

router.get("/:id/reviews-raw", async (req, res) => {
  // ok: js/ssrf
  const { data } = await axios.get(REVIEWS_API + "/products/" + req.params.id + "/reviews");
  res.json(data);
});

router.get("/import", async (req, res) => {
  const feed = req.query.feed;
  // ruleid: js/ssrf
  const { data } = await axios.get(feed, { timeout: 5000 });
  res.json({ imported: data.length });
});

router.post("/webhook-test", async (req, res) => {
  const { url, payload } = req.body;
  // ruleid: js/ssrf
  const r = await fetch(url, { method: "POST", body: JSON.stringify(payload) });
  res.json({ status: r.status });
});

router.get("/filter", (req, res) => {
  const words = (req.query.words || "").split(",");
  // ruleid: js/redos
  const re = new RegExp("(" + words.join("|") + ")", "i");
  res.json(["red shoe", "blue hat"].filter((p) => re.test(p)));
});

router.get("/filter-literal", (req, res) => {
  const term = req.query.term || "";
  // ok: js/redos
  res.json(["red shoe", "blue hat"].filter((p) => p.toLowerCase().includes(term.toLowerCase())));
});

module.exports = router;
