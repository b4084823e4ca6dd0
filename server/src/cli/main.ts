import { COMMANDS } from "./commands";
import { UsageError } from "./args";
import type { Io } from "./command";
import { ConfigError } from "../engine/config";
import { VERSION } from "../engine/version";

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Vigil ${VERSION}: finds vulnerabilities, vulnerable dependencies, secrets and insecure configuration.

Usage: vigil <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run \`vigil <command> --help\` for a command's options.
Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or internal error.
`;
}

let completedCommand: string | undefined;

/** The command this process ran to its end (not stopped by a usage or other error), if any. */
export function commandCompleted(): string | undefined {
  return completedCommand;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(command.usage);
      return 0;
    }
    const code = await command.run(rest, io);
    completedCommand = command.name;
    return code;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`vigil: ${err.message}\n\n${command ? command.usage : help()}`);
    } else if (err instanceof ConfigError) {
      io.stderr.write(`vigil: ${err.message}\n`);
    } else {
      io.stderr.write(`vigil: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    return 2;
  }
}

/** Entry point for bin/vigil.js and `node dist/cli.js`. */
export function runCli(): void {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`vigil: internal error: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runCli();
