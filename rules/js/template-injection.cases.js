const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");

const app = express();

app.post("/preview", (req, res) => {
  // ruleid: js/template-injection
  res.send(ejs.render(req.body.template, { user: req.user }));
});

app.get("/card", (req, res) => {
  const source = "div.card= title\n  p " + req.query.footer;
  // ruleid: js/template-injection
  const render = pug.compile(source);
  res.send(render({ title: "Card" }));
});

app.post("/email", (req, res) => {
  // ruleid: js/template-injection
  const template = Handlebars.compile(req.body.layout);
  res.send(template({ name: "Ada" }));
});

app.get("/safe/preview", (req, res) => {
  // ok: js/template-injection
  res.send(ejs.render("<p><%= name %></p>", { name: req.query.name }));
});

app.get("/safe/card", (req, res) => {
  // ok: js/template-injection
  res.render("card", { title: req.query.title });
});

module.exports = app;
