/**
 * Editor settings: the `vigil.*` settings that shape how the server behaves in an editor. Engine
 * settings (rules, exclude) come from vigil.config.json instead. package.json's
 * `contributes.configuration` mirrors these two objects; a test holds them equal.
 */

export const EDITOR_SETTING_ENUMS = {
  "vigil.scanOn": ["save", "type", "off"],
  "vigil.trace.server": ["off", "messages", "verbose"],
} as const;

type Enums = typeof EDITOR_SETTING_ENUMS;
export type ScanOn = Enums["vigil.scanOn"][number];

export interface EditorSettingValues {
  /** When open documents are analysed: on open and save, also while typing (debounced), or never. */
  "vigil.scanOn": ScanOn;
  /** Logging of the client-server traffic; the client applies it, the server sends `$/logTrace` at it. */
  "vigil.trace.server": Enums["vigil.trace.server"][number];
  /** Milliseconds after the last keystroke before analysing when scanOn is "type". */
  "vigil.typeDelay": number;
}

export const EDITOR_SETTING_DEFAULTS: Readonly<EditorSettingValues> = Object.freeze({
  "vigil.scanOn": "save",
  "vigil.trace.server": "off",
  "vigil.typeDelay": 300,
});

export type SettingKey = keyof EditorSettingValues;

/**
 * Reads the `vigil` section as `workspace/configuration` returns it (nested: `{ trace: { server } }`).
 * A missing or wrong-typed value falls back to its default and is named in `problems`.
 */
export function readEditorSettings(section: unknown): { values: EditorSettingValues; problems: string[] } {
  const values: Record<string, unknown> = { ...EDITOR_SETTING_DEFAULTS };
  const problems: string[] = [];
  for (const key of Object.keys(EDITOR_SETTING_DEFAULTS) as SettingKey[]) {
    const raw = lookup(section, key.slice("vigil.".length).split("."));
    if (raw === undefined || raw === null) continue;
    if (isValid(key, raw)) values[key] = raw;
    else problems.push(`${key}: ignoring ${JSON.stringify(raw)}, using ${JSON.stringify(EDITOR_SETTING_DEFAULTS[key])}`);
  }
  return { values: values as unknown as EditorSettingValues, problems };
}

function lookup(obj: unknown, keys: string[]): unknown {
  let at = obj;
  for (const k of keys) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[k];
  }
  return at;
}

function isValid(key: SettingKey, value: unknown): boolean {
  const allowed = (EDITOR_SETTING_ENUMS as Record<string, readonly string[]>)[key];
  if (allowed) return allowed.includes(value as string);
  const fallback = EDITOR_SETTING_DEFAULTS[key];
  if (typeof fallback === "number") return typeof value === "number" && Number.isFinite(value) && value >= 0;
  return typeof value === typeof fallback;
}
