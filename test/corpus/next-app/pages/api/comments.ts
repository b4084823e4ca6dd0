import type { NextApiRequest, NextApiResponse } from "next";
import { Pool } from "pg";
import { JSDOM } from "jsdom";
import createDOMPurify from "dompurify";

const pool = new Pool();
const DOMPurify = createDOMPurify(new JSDOM("").window);

async function insertComment(postId: string, author: string, body: string) {
  // ok: js/sql-injection
  await pool.query("INSERT INTO comments (post_id, author, body) VALUES ($1, $2, $3)", [postId, author, body]);
}

async function commentsFor(postId: string, order: string) {
  // ruleid: js/sql-injection
  return pool.query(`SELECT * FROM comments WHERE post_id = $1 ORDER BY ${order}`, [postId]);
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === "POST") {
    const { postId, author, body } = req.body;
    await insertComment(postId, author, body);
    return res.status(201).end();
  }
  const postId = String(req.query.postId);
  const order = (req.query.order as string) || "created_at";
  const { rows } = await commentsFor(postId, order);
  const html = rows.map((r) => `<li>${DOMPurify.sanitize(r.body)}</li>`).join("");
  // ok: js/reflected-xss
  res.setHeader("Content-Type", "text/html").send(`<ul>${html}</ul>`);
}
