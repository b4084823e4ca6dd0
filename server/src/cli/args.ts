/** A small, strict argument parser: unknown options are usage errors, never ignored. */

export class UsageError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--format sarif`); otherwise a flag. */
  value?: boolean;
  /** Allowed values, checked here so every command reports them the same way. */
  choices?: readonly string[];
  repeatable?: boolean;
}

export interface Parsed {
  positionals: string[];
  options: Record<string, string | string[] | boolean | undefined>;
}

export function parseArgs(argv: string[], spec: Record<string, OptionSpec>): Parsed {
  const positionals: string[] = [];
  const options: Parsed["options"] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (!s.value) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    if (s.choices && !s.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${s.choices.join(", ")} (got "${value}")`);
    }
    if (s.repeatable) options[name] = [...((options[name] as string[] | undefined) ?? []), value];
    else options[name] = value;
  }
  return { positionals, options };
}
