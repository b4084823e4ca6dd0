const Router = require("@koa/router");
const fs = require("fs");
const path = require("path");
const { exec } = require("child_process");
const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");
const axios = require("axios");

const router = new Router({ prefix: "/uploads" });
const UPLOAD_ROOT = "/srv/uploads";
const s3 = new S3Client({});
const BUCKET = "uploads";

router.get("/:name", async (ctx) => {
  // ruleid: js/path-traversal
  ctx.body = fs.createReadStream(path.join(UPLOAD_ROOT, ctx.params.name));
});

router.get("/by-id/:id", async (ctx) => {
  const id = Number(ctx.params.id);
  // ok: js/path-traversal
  ctx.body = fs.createReadStream(path.join(UPLOAD_ROOT, `${id}.bin`));
});

router.get("/s3/:key", async (ctx) => {
  // ok: js/path-traversal
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: ctx.params.key }));
  ctx.body = out.Body;
});

router.get("/cleanup", async (ctx) => {
  const days = ctx.query.days;
  // ruleid: js/command-injection
  exec(`find ${UPLOAD_ROOT} -mtime +${days} -delete`);
  ctx.status = 202;
});

router.get("/cleanup-default", async (ctx) => {
  // ok: js/command-injection
  exec(`find ${UPLOAD_ROOT} -mtime +30 -delete`);
  ctx.status = 202;
});

router.get("/cleanup-number", async (ctx) => {
  const days = parseInt(ctx.query.days, 10) || 30;
  // ok: js/command-injection
  exec(`find ${UPLOAD_ROOT} -mtime +${days} -delete`);
  ctx.status = 202;
});

router.post("/mirror", async (ctx) => {
  const { source } = ctx.request.body;
  // ruleid: js/ssrf
  const { data } = await axios({ url: source, responseType: "stream" });
  ctx.body = data;
});

router.post("/mirror-known", async (ctx) => {
  const source = `https://mirror.example.com/${encodeURIComponent(ctx.request.body.name)}`;
  // ok: js/ssrf
  const { data } = await axios({ url: source, responseType: "stream" });
  ctx.body = data;
});

router.get("/open", async (ctx) => {
  // ruleid: js/open-redirect
  ctx.redirect(ctx.get("Referer"));
});

router.get("/open-home", async (ctx) => {
  // ok: js/open-redirect
  ctx.redirect("/");
});

router.get("/content-type", async (ctx) => {
  // ruleid: js/header-injection
  ctx.set("X-Upload-Name", ctx.query.name);
  ctx.body = "ok";
});

router.get("/content-type-fixed", async (ctx) => {
  // ok: js/header-injection
  ctx.set("X-Upload-Name", "upload.bin");
  ctx.body = "ok";
});

router.get("/describe", async (ctx) => {
  // ok: js/reflected-xss
  ctx.body = `name: ${ctx.query.name}`;
});

router.get("/describe-html", async (ctx) => {
  // ruleid: js/reflected-xss
  ctx.body = `<section><h2>${ctx.query.name}</h2></section>`;
});

module.exports = router;
