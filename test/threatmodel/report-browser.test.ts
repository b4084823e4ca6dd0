import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { report } from "./report-helper";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");

test("the HTML report opens in headless Chromium without errors, and prints", { skip: !existsSync(CHROMIUM) && `${CHROMIUM} is not installed (apt-get install -y chromium)` }, async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, "security-report.html");
  writeFileSync(file, await report("html"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });

    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [pathToFileURL(file).href], "the report loads nothing but itself");
    assert.equal(await page.title(), "Security report: Fixture shop");
    const bars = await page.locator("svg rect title").count();
    assert.ok(bars >= 3, `the chart has a bar segment per category and severity (${bars})`);
    const chart = await page.locator("svg").boundingBox();
    assert.ok(chart && chart.width > 300 && chart.height > 200, "the chart is laid out");
    await page.screenshot({ path: path.join(ARTIFACTS, "security-report.png"), fullPage: true });

    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(path.join(ARTIFACTS, "security-report.pdf"), pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 6, `prints on a few A4 pages (${pages})`);
  } finally {
    await browser.close();
  }
});
