import assert from "node:assert/strict";
import * as path from "node:path";
import { main } from "../../server/src/cli/main";
import { VERSION } from "../../server/src/engine/version";

export const SHOP = path.join(__dirname, "fixtures", "shop");
/** After the TLS acceptance expired and before the password-hash one does: every acceptance state shows. */
export const NOW = new Date("2027-02-01T09:30:00Z");

/** `vigil report` on the fixture shop at a fixed time, with machine-specific text replaced. */
export async function report(format: "md" | "html"): Promise<string> {
  let out = "";
  let err = "";
  const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const stderr = { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream;
  const code = await main(["report", "--format", format], { stdout, stderr, cwd: SHOP, now: () => NOW });
  assert.equal(code, 0, err);
  return out.split(SHOP).join("{root}").split(`Vigil ${VERSION}`).join("Vigil {version}");
}
