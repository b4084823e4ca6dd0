"use strict";
const express = require("express");
const cors = require("cors");
const cookieParser = require("cookie-parser");
const { exec } = require("child_process");
const fs = require("fs");
const path = require("path");
const { hashPassword, currentUser, startSession } = require("./src/auth");
const { findProducts } = require("./src/db");

const app = express();
app.use(express.json());
app.use(cookieParser());
app.use(cors({ origin: true, credentials: true }));

app.get("/products", (req, res) => {
  findProducts(req.query.category, (err, rows) => (err ? res.status(500).end() : res.json(rows)));
});

app.post("/calc", (req, res) => {
  const result = eval(req.body.expression);
  res.json({ result });
});

app.get("/ping", (req, res) => {
  exec("ping -c 1 " + req.query.host, (err, stdout) => res.type("text").send(stdout));
});

app.get("/download", (req, res) => {
  const file = path.join(__dirname, "uploads", req.query.name);
  res.send(fs.readFileSync(file));
});

app.get("/safe-download", (req, res) => {
  const name = path.basename(String(req.query.name));
  res.sendFile(name, { root: path.join(__dirname, "uploads") });
});

app.post("/login", (req, res) => {
  const user = { id: req.body.email, role: "user", passwordHash: hashPassword(req.body.password) };
  startSession(res, user);
  res.json({ ok: true });
});

app.get("/me", (req, res) => {
  res.json(currentUser(req));
});

app.listen(3000);

// @threat T1
// @exposes customer-db to T1
