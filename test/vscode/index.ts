// The extension-tests entry point, the contract @vscode/test-electron uses too: the extension host
// loads this file (extensionTestsPath) and awaits run(). test/e2e/extension-tests.ts starts it in
// code-server; the same file works with @vscode/test-electron where a desktop VS Code is available.
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", color: false, timeout: 120_000 });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith(".suite.js")).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const lines: string[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on("pass", (t) => lines.push(`ok   - ${t.fullTitle()}`));
    runner.on("fail", (t, error: Error) => lines.push(`FAIL - ${t.fullTitle()}: ${error.stack ?? error.message}`));
  });
  lines.push(`${lines.filter((l) => l.startsWith("ok")).length} passed, ${failures} failed`);
  // Read by the runner; the console copy reaches the page's console in a development host.
  fs.writeFileSync(path.join(__dirname, "results.txt"), lines.join("\n") + "\n");
  for (const line of lines) console.log(`[vigil-tests] ${line}`);
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
