import type { NextApiRequest, NextApiResponse } from "next";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fetchAvatar, fetchAvatarFromCdn } from "../../lib/avatars";

const AVATARS = path.join(process.cwd(), "public", "avatars");

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { user, source } = req.query as { user: string; source?: string };
  if (source) {
    // ruleid: js/ssrf
    const image = await fetchAvatar(source);
    res.setHeader("Content-Type", "image/png");
    return res.send(image);
  }
  if (req.query.cdn) {
    // ok: js/ssrf
    const image = await fetchAvatarFromCdn(user);
    return res.send(image);
  }
  // ruleid: js/path-traversal
  const data = await readFile(path.join(AVATARS, `${user}.png`));
  res.setHeader("Content-Type", "image/png");
  res.send(data);
}
