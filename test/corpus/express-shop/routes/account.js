const express = require("express");
const crypto = require("crypto");
const https = require("https");
const { MongoClient } = require("mongodb");
const ejs = require("ejs");
const vm = require("vm");
const { validateRedirect } = require("../lib/validate");

const router = express.Router();
const client = new MongoClient(process.env.MONGO_URL);
const sessions = client.db("shop").collection("sessions");
const profiles = client.db("shop").collection("profiles");

router.post("/session", async (req, res) => {
  // ruleid: js/nosql-injection
  const session = await sessions.findOne({ token: req.cookies.session });
  res.json({ active: Boolean(session) });
});

router.post("/session-safe", async (req, res) => {
  const token = req.cookies.session;
  if (typeof token !== "string") return res.sendStatus(401);
  // ok: js/nosql-injection
  const session = await sessions.findOne({ token });
  res.json({ active: Boolean(session) });
});

router.post("/profile", async (req, res) => {
  const update = req.body;
  // ruleid: js/nosql-injection
  await profiles.updateOne({ userId: req.body.userId }, { $set: update });
  res.sendStatus(204);
});

router.get("/profile/:userId", async (req, res) => {
  // ok: js/nosql-injection
  const profile = await profiles.findOne({ userId: req.params.userId });
  res.json(profile);
});

router.get("/profile-by-hash", async (req, res) => {
  const hash = crypto.createHash("sha256").update(String(req.query.email)).digest("hex");
  // ok: js/nosql-injection
  res.json(await profiles.findOne({ emailHash: hash }));
});

router.post("/signature", (req, res) => {
  const template = req.body.signature;
  // ruleid: js/template-injection
  const html = ejs.render(template, { name: req.user.name });
  res.json({ html });
});

router.post("/signature-safe", (req, res) => {
  // ok: js/template-injection
  const html = ejs.render("<p><%= signature %></p>", { signature: req.body.signature });
  res.json({ html });
});

router.post("/rules/test", (req, res) => {
  const context = vm.createContext({ order: req.body.order });
  // ruleid: js/code-injection-taint
  const verdict = vm.runInContext(req.body.rule, context, { timeout: 50 });
  res.json({ verdict });
});

router.post("/rules/test-safe", (req, res) => {
  const context = vm.createContext({ order: req.body.order });
  // ok: js/code-injection-taint
  const verdict = vm.runInContext("order.total > 100", context, { timeout: 50 });
  res.json({ verdict });
});

router.get("/avatar", (req, res) => {
  // ruleid: js/ssrf
  https.get(req.query.avatarUrl, (upstream) => upstream.pipe(res));
});

router.get("/avatar-safe", (req, res) => {
  const id = encodeURIComponent(req.query.id);
  // ok: js/ssrf
  https.get("https://avatars.example.com/" + id + ".png", (upstream) => upstream.pipe(res));
});

router.get("/continue", (req, res) => {
  const next = req.query.next;
  if (!validateRedirect(next)) return res.redirect("/");
  // ok: js/open-redirect
  res.redirect(next);
});

router.get("/continue-unchecked", (req, res) => {
  const next = req.query.next;
  // ruleid: js/open-redirect
  res.redirect(302, next);
});

router.get("/download-name", (req, res) => {
  // ruleid: js/header-injection
  res.header("Content-Disposition", `attachment; filename="${req.query.name}.pdf"`);
  res.send("...");
});

router.get("/download-id", (req, res) => {
  // ok: js/header-injection
  res.header("Content-Disposition", `attachment; filename="invoice-${Number(req.query.id)}.pdf"`);
  res.send("...");
});

router.get("/greeting", (req, res) => {
  const name = req.query.name;
  // ruleid: js/reflected-xss
  res.type("html").send("<p>Hi " + name + "</p>");
});

router.get("/greeting-json", (req, res) => {
  // ok: js/reflected-xss
  res.json({ greeting: "Hi " + req.query.name });
});

router.get("/greeting-number", (req, res) => {
  const visits = Number(req.cookies.visits || 0) + 1;
  // ok: js/reflected-xss
  res.send("<p>Visit number " + visits + "</p>");
});

module.exports = router;
