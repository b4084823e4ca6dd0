import type { NextApiRequest, NextApiResponse } from "next";
import { execSync, execFileSync } from "node:child_process";
import mysql from "mysql2/promise";

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

export default async function report(req: NextApiRequest, res: NextApiResponse) {
  const month = req.query.month as string;
  // ruleid: js/sql-injection
  const [rows] = await pool.query(`SELECT day, total FROM sales WHERE month = '${month}'`);
  // ok: js/sql-injection
  const [refunds] = await pool.execute("SELECT day, total FROM refunds WHERE month = ?", [month]);
  const format = req.body?.format ?? "csv";
  // ruleid: js/command-injection
  const pdf = execSync("report-tool --format " + format + " --month " + month);
  // ok: js/command-injection
  const summary = execFileSync("report-tool", ["--summary", "--month", month]);
  // ok: js/command-injection
  const version = execSync("report-tool --version").toString();
  res.json({ rows, refunds, pdf: pdf.toString("base64"), summary: summary.toString(), version });
}
