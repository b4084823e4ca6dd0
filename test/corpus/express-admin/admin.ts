import express, { type Request, type Response } from "express";
import knexFactory from "knex";
import { Sequelize, QueryTypes } from "sequelize";
import got from "got";
import Handlebars from "handlebars";
import yaml from "js-yaml";
import { AuditService } from "./audit";

const app = express();
const knex = knexFactory({ client: "pg", connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL ?? "");
const audit = new AuditService();

app.get("/admin/users", async (req: Request, res: Response) => {
  const search = req.query.search as string;
  // ruleid: js/sql-injection
  const rows = await knex("users").whereRaw(`name LIKE '%${search}%'`);
  res.json(rows);
});

app.get("/admin/users-safe", async (req: Request, res: Response) => {
  // ok: js/sql-injection
  const rows = await knex("users").whereRaw("name LIKE ?", [`%${req.query.search}%`]);
  res.json(rows);
});

app.get("/admin/users-builder", async (req: Request, res: Response) => {
  // ok: js/sql-injection
  const rows = await knex("users").where("name", "like", `%${req.query.search}%`);
  res.json(rows);
});

app.get("/admin/stats", async (req: Request, res: Response) => {
  const table = req.query.table;
  // ruleid: js/sql-injection
  const stats = await sequelize.query("SELECT count(*) AS n FROM " + table, { type: QueryTypes.SELECT });
  res.json(stats);
});

app.get("/admin/stats-safe", async (req: Request, res: Response) => {
  // ok: js/sql-injection
  const stats = await sequelize.query("SELECT count(*) AS n FROM users WHERE role = :role", {
    replacements: { role: req.query.role },
    type: QueryTypes.SELECT,
  });
  res.json(stats);
});

app.post("/admin/ping", async (req: Request, res: Response) => {
  const endpoint: string = req.body.endpoint;
  // ruleid: js/ssrf
  const reply = await got.post(endpoint, { json: { ping: true } }).json();
  res.json(reply);
});

app.post("/admin/ping-status", async (req: Request, res: Response) => {
  // ok: js/ssrf
  const reply = await got(`https://status.example.com/api/${encodeURIComponent(req.body.service)}`).json();
  res.json(reply);
});

app.post("/admin/templates/preview", (req: Request, res: Response) => {
  const source: string = req.body.source;
  // ruleid: js/template-injection
  const template = Handlebars.compile(source);
  res.send(template({ name: "Preview" }));
});

app.post("/admin/templates/render", (req: Request, res: Response) => {
  const template = Handlebars.compile("<p>{{name}}</p>");
  // ok: js/template-injection
  res.send(template({ name: req.body.name }));
});

app.post("/admin/config", (req: Request, res: Response) => {
  // ok: js/unsafe-deserialization
  const config = yaml.load(req.body.config);
  res.json(config);
});

app.post("/admin/config-legacy", (req: Request, res: Response) => {
  // ruleid: js/unsafe-deserialization
  const config = yaml.load(req.body.config, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json(config);
});

app.post("/admin/audit", async (req: Request, res: Response) => {
  // ok: js/sql-injection
  await audit.record(String(req.body.action), Number(req.body.userId));
  res.sendStatus(204);
});

app.get("/admin/calc", (req: Request, res: Response) => {
  const expression = String(req.query.expr);
  // ruleid: js/code-injection-taint
  res.json({ value: eval(expression) });
});

app.get("/admin/calc-safe", (req: Request, res: Response) => {
  const a = Number(req.query.a);
  const b = Number(req.query.b);
  // ok: js/code-injection-taint
  res.json({ value: eval(`${a} + ${b}`) });
});

app.get("/admin/download", (req: Request, res: Response) => {
  // ruleid: js/path-traversal
  res.download(`/var/exports/${req.query.file}`);
});

app.get("/admin/download-safe", (req: Request, res: Response) => {
  // ok: js/path-traversal
  res.download(`/var/exports/${Number(req.query.id)}.csv`);
});

app.get("/admin/lang", (req: Request, res: Response) => {
  const lang = req.query.lang as string;
  // ruleid: js/header-injection
  res.set("Content-Language", lang);
  res.send("ok");
});

app.get("/admin/back", (req: Request, res: Response) => {
  // ruleid: js/open-redirect
  res.writeHead(302, { Location: req.query.back as string }).end();
});

export default app;
