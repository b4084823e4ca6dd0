const express = require("express");
const mysql = require("mysql");

const app = express();
const db = mysql.createConnection({ host: "localhost", user: "app", database: "shop" });

app.get("/users", (req, res) => {
  const name = req.query.name;
  // ruleid: js/sql-injection
  db.query("SELECT * FROM users WHERE name = '" + name + "'", (err, rows) => res.json(rows));
});

app.get("/orders/:id", (req, res) => {
  // ruleid: js/sql-injection
  db.query(`SELECT * FROM orders WHERE id = ${req.params.id}`, (err, rows) => res.json(rows));
});

function findProducts(category) {
  const sql = "SELECT * FROM products WHERE category = '" + category + "' ORDER BY name";
  // ruleid: js/sql-injection
  return db.query(sql);
}

app.get("/products", (req, res) => {
  findProducts(req.query.category).then((rows) => res.json(rows));
});

app.get("/safe/users", (req, res) => {
  // ok: js/sql-injection
  db.query("SELECT * FROM users WHERE name = ?", [req.query.name], (err, rows) => res.json(rows));
});

app.get("/safe/orders/:id", (req, res) => {
  const id = Number(req.params.id);
  // ok: js/sql-injection
  db.query(`SELECT * FROM orders WHERE id = ${id}`, (err, rows) => res.json(rows));
});

app.get("/safe/sort", (req, res) => {
  const column = req.query.sort;
  if (!["name", "price", "created_at"].includes(column)) return res.status(400).end();
  // ok: js/sql-injection
  db.query(`SELECT * FROM products ORDER BY ${column}`, (err, rows) => res.json(rows));
});

function countAll() {
  const table = "products";
  // ok: js/sql-injection
  return db.query("SELECT COUNT(*) FROM " + table);
}

app.get("/safe/escaped", (req, res) => {
  // ok: js/sql-injection
  db.query("SELECT * FROM users WHERE name = " + db.escape(req.query.name), (err, rows) => res.json(rows));
});

module.exports = { app, countAll };
