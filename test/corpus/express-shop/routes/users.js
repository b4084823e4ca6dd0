const express = require("express");
const db = require("../lib/db");
const { findUserById } = require("../lib/db");

const router = express.Router();

router.get("/by-email", async (req, res) => {
  // ruleid: js/sql-injection
  const { rows } = await db.findUserByEmail(req.query.email);
  res.json(rows);
});

router.get("/:id", async (req, res) => {
  // ok: js/sql-injection
  const { rows } = await findUserById(req.params.id);
  res.json(rows[0] ?? null);
});

router.get("/:id/orders/count", async (req, res) => {
  // ok: js/sql-injection
  res.json({ count: await db.countOrders(req.params.id) });
});

router.get("/", async (req, res) => {
  const email = String(req.query.email || "");
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return res.status(400).json({ error: "bad email" });
  // ok: js/sql-injection
  const { rows } = await db.findUserByEmail(email);
  res.json(rows);
});

router.post("/:id/rename", async (req, res) => {
  const name = req.body.name;
  // ruleid: js/sql-injection
  await db.pool.query(`UPDATE users SET name = '${name}' WHERE id = ${Number(req.params.id)}`);
  res.sendStatus(204);
});

router.post("/:id/email", async (req, res) => {
  // ok: js/sql-injection
  await db.pool.query("UPDATE users SET email = $1 WHERE id = $2", [req.body.email, req.params.id]);
  res.sendStatus(204);
});

router.get("/:id/welcome", (req, res) => {
  const name = req.query.name || "friend";
  // ruleid: js/reflected-xss
  res.send("<html><body><h1>Welcome, " + name + "!</h1></body></html>");
});

router.get("/:id/profile.json", (req, res) => {
  // ok: js/reflected-xss
  res.json({ id: req.params.id, name: req.query.name });
});

module.exports = router;
