import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import schema from "./config.schema.json";
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from "./settings";
import { ruleById } from "./rule-selection";

export const CONFIG_FILE = "vigil.config.json";

export class ConfigError extends Error {}

let compiled: ValidateFunction | undefined;

/** Ajv loaded and the schema compiled on first use, not at load: that costs every start of the server or CLI tens of milliseconds. */
function validator(): ValidateFunction {
  if (!compiled) {
    const Ajv = (require("ajv") as typeof import("ajv")).default;
    compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return compiled;
}

/** Explains one schema error by naming the key and what is wrong with it. */
function explain(e: ErrorObject): string {
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".").replace(/~1/g, "/") : "";
  if (e.keyword === "additionalProperties") {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    return `unknown key "${at ? `${at}.` : ""}${key}"`;
  }
  if (e.keyword === "enum") {
    return `"${at}" must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  }
  return `"${at || "(root)"}" ${e.message ?? "is invalid"}`;
}

/** Parses and validates config text; every problem is named, and any problem is an error. */
export function parseConfig(text: string, file = CONFIG_FILE): Partial<Settings> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const problems: string[] = [];
  const validate = validator();
  if (!validate(data)) problems.push(...(validate.errors ?? []).map(explain));
  const config = data as Partial<Settings> & { $schema?: string };
  for (const id of Object.keys(config.rules ?? {})) {
    if (!ruleById(id)) problems.push(`unknown rule "${id}" in "rules" (see \`vigil rules\`)`);
  }
  if (problems.length) throw new ConfigError(`${file}: ${problems.join("; ")}`);
  const { $schema: _ignored, ...settings } = config;
  return settings;
}

/** Settings for a scan: defaults, then the config file (explicit path, or vigil.config.json in `dir`). */
export function loadSettings(options: { configFile?: string; dir: string }): { settings: Settings; file?: string } {
  const file = options.configFile ?? path.join(options.dir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if (!options.configFile && (err as NodeJS.ErrnoException).code === "ENOENT") return { settings: { ...DEFAULT_SETTINGS } };
    throw new ConfigError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return { settings: mergeSettings(DEFAULT_SETTINGS, parseConfig(text, file)), file };
}
