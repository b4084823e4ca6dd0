/**
 * A local stand-in for api.osv.dev on 127.0.0.1 that replays recorded real exchanges
 * (fixtures/osv-api/recorded-querybatch-npm.json, from osv-scanner's test cassettes). A
 * querybatch is answered query by query from the recordings; a query nobody recorded is a 400, so
 * a test can only pass by asking what was really asked. `/v1/vulns/{id}` serves real OSV records
 * from data/advisories/source, 404 otherwise. Modes simulate a server that hangs.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DATA_SOURCES, FIXTURES } from "./helpers";

interface Recording {
  request: { queries: { package: { ecosystem?: string; name?: string; purl?: string }; version?: string }[] };
  response: { results: unknown[] };
}

const queryKey = (q: Recording["request"]["queries"][number]) => `${q.package.ecosystem}|${q.package.name}|${q.version}`;

export interface Replay {
  url: string;
  /** Every request body received, in order. */
  requests: { path: string; body: unknown }[];
  hang: boolean;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (d) => (s += d));
    req.on("end", () => resolve(s));
  });
}

export async function startReplay(): Promise<Replay> {
  const recordings = JSON.parse(readFileSync(path.join(FIXTURES, "osv-api", "recorded-querybatch-npm.json"), "utf8")) as Recording[];
  const answers = new Map<string, unknown>();
  for (const r of recordings) r.request.queries.forEach((q, i) => answers.set(queryKey(q), r.response.results[i]));
  const state = { requests: [] as Replay["requests"], hang: false };
  const server: Server = createServer(async (req, res) => {
    const text = await body(req);
    state.requests.push({ path: req.url ?? "", body: text ? JSON.parse(text) : undefined });
    if (state.hang) return; // never answers
    if (req.method === "POST" && req.url === "/v1/querybatch") {
      const queries = (JSON.parse(text) as Recording["request"]).queries;
      const missing = queries.filter((q) => !answers.has(queryKey(q)));
      if (missing.length) return res.writeHead(400).end(`not recorded: ${missing.map(queryKey).join(", ")}`);
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ results: queries.map((q) => answers.get(queryKey(q))) }));
    }
    const vuln = /^\/v1\/vulns\/([\w-]+)$/.exec(req.url ?? "");
    const file = vuln && path.join(DATA_SOURCES, "osv-dev-npm", `${vuln[1]}.json`);
    if (req.method === "GET" && file && existsSync(file)) return res.writeHead(200, { "content-type": "application/json" }).end(readFileSync(file));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  });
}
