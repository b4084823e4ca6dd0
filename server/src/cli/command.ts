/** One `vigil <name>` subcommand. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the exit code: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error. */
  run(argv: string[], io: Io): Promise<number>;
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  /** The clock threat-model acceptances expire by; tests inject one (default: the real time). */
  now?: () => Date;
}
