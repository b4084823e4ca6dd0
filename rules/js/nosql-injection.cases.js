const express = require("express");
const User = require("./models/user");

const app = express();
app.use(express.json());

app.post("/login", async (req, res) => {
  // ruleid: js/nosql-injection
  const user = await User.findOne({ username: req.body.username, password: req.body.password });
  res.json({ ok: Boolean(user) });
});

app.get("/search", async (req, res) => {
  const filter = req.query.filter;
  // ruleid: js/nosql-injection
  const docs = await User.find(filter);
  res.json(docs);
});

app.get("/where", async (req, res) => {
  // ruleid: js/nosql-injection
  const docs = await User.find({ $where: "this.age > " + req.query.age });
  res.json(docs);
});

app.post("/safe/login", async (req, res) => {
  const username = String(req.body.username);
  const password = String(req.body.password);
  // ok: js/nosql-injection
  const user = await User.findOne({ username, password });
  res.json({ ok: Boolean(user) });
});

app.get("/safe/users/:id", async (req, res) => {
  // ok: js/nosql-injection
  const user = await User.findOne({ _id: req.params.id });
  res.json(user);
});

app.post("/safe/typed", async (req, res) => {
  const email = req.body.email;
  if (typeof email !== "string") return res.status(400).end();
  // ok: js/nosql-injection
  const user = await User.findOne({ email });
  res.json(user);
});

module.exports = app;
