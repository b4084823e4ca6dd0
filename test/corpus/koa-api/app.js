const Koa = require("koa");
const Router = require("@koa/router");
const bodyParser = require("koa-bodyparser");
const mongoose = require("mongoose");
const _ = require("lodash");
const nunjucks = require("nunjucks");
const libxmljs = require("libxmljs");
const { renderPage } = require("./render");

const app = new Koa();
const router = new Router();
const Account = mongoose.model("Account", new mongoose.Schema({ email: String, password: String, role: String }));
const defaults = { theme: "light", notifications: { email: true } };

router.post("/login", async (ctx) => {
  const { email, password } = ctx.request.body;
  // ruleid: js/nosql-injection
  const account = await Account.findOne({ email, password });
  ctx.body = { ok: Boolean(account) };
});

router.post("/login-safe", async (ctx) => {
  const email = String(ctx.request.body.email);
  const password = String(ctx.request.body.password);
  // ok: js/nosql-injection
  const account = await Account.findOne({ email, password });
  ctx.body = { ok: Boolean(account) };
});

router.get("/accounts/:id", async (ctx) => {
  // ok: js/nosql-injection
  ctx.body = await Account.findOne({ _id: ctx.params.id });
});

router.get("/accounts", async (ctx) => {
  // ruleid: js/nosql-injection
  ctx.body = await Account.find(ctx.query);
});

router.get("/accounts-by-role", async (ctx) => {
  const role = ctx.query.role;
  if (typeof role !== "string") ctx.throw(400);
  // ok: js/nosql-injection
  ctx.body = await Account.find({ role });
});

router.get("/accounts-older", async (ctx) => {
  // ruleid: js/nosql-injection
  ctx.body = await Account.find({ $where: `this.createdAt < ${ctx.query.before}` });
});

router.put("/settings", async (ctx) => {
  const settings = {};
  // ruleid: js/prototype-pollution
  _.merge(settings, defaults, ctx.request.body);
  ctx.body = settings;
});

router.put("/settings-shallow", async (ctx) => {
  // ok: js/prototype-pollution
  ctx.body = { ...defaults, ...ctx.request.body };
});

router.put("/settings/:section/:key", async (ctx) => {
  const store = { ui: {}, mail: {} };
  const { section, key } = ctx.params;
  // ruleid: js/prototype-pollution
  store[section][key] = ctx.request.body.value;
  ctx.body = store;
});

router.put("/settings-checked/:section/:key", async (ctx) => {
  const store = { ui: {}, mail: {} };
  const { section, key } = ctx.params;
  if (!Object.prototype.hasOwnProperty.call(store, section)) ctx.throw(404);
  // ok: js/prototype-pollution
  store[section][key] = ctx.request.body.value;
  ctx.body = store;
});

router.post("/preview", async (ctx) => {
  // ruleid: js/template-injection
  ctx.body = nunjucks.renderString(ctx.request.body.template, { user: ctx.state.user });
});

router.post("/preview-safe", async (ctx) => {
  // ok: js/template-injection
  ctx.body = nunjucks.renderString("<p>{{ note }}</p>", { note: ctx.request.body.note });
});

router.post("/feed", async (ctx) => {
  // ruleid: js/xxe
  const doc = libxmljs.parseXmlString(ctx.request.rawBody, { noent: true, nonet: false });
  ctx.body = { entries: doc.find("//entry").length };
});

router.post("/feed-safe", async (ctx) => {
  // ok: js/xxe
  const doc = libxmljs.parseXmlString(ctx.request.rawBody, { nonet: true });
  ctx.body = { entries: doc.find("//entry").length };
});

router.get("/hello", async (ctx) => {
  // ruleid: js/reflected-xss
  ctx.body = renderPage(ctx.query.name);
});

router.get("/hello-safe", async (ctx) => {
  // ok: js/reflected-xss
  ctx.body = renderPage("guest");
});

router.get("/next", async (ctx) => {
  // ruleid: js/open-redirect
  ctx.redirect(ctx.query.url);
});

router.get("/next-local", async (ctx) => {
  // ok: js/open-redirect
  ctx.redirect(`/app/${encodeURIComponent(ctx.query.page)}`);
});

app.use(bodyParser());
app.use(router.routes());
module.exports = app;
