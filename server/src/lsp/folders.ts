import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "vscode-languageserver";
import { DiagnosticSeverity } from "./languageserver";
import { CONFIG_FILE, ConfigError, parseConfig } from "../engine/config";
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from "../engine/settings";
import { LineIndex } from "../engine/text";
import { SOURCE } from "./diagnostics";

/** Engine settings of one workspace folder, from the vigil.config.json at its root. */
export interface FolderConfig {
  folder: string;
  settings: Settings;
  /** Stable text of the settings, part of the analysis cache key. */
  key: string;
  configFile: string;
  /** Problems with the config file, published on it (empty clears them). */
  diagnostics: Diagnostic[];
}

const RESTRICTED_NOTE =
  'Restricted mode: the "rules" settings in this file are not applied until you trust this workspace, so the repository cannot turn off the checks that would flag it.';

/**
 * Workspace folders and their settings. In an untrusted workspace, `rules` from a workspace config
 * is ignored (built-in defaults run); `exclude` and `maxFileSize` still apply since they only bound
 * what is read. No setting can make Vigil load code from the workspace.
 */
export class Folders {
  private folders: string[] = [];
  private readonly configs = new Map<string, FolderConfig>();

  constructor(private readonly trusted: boolean) {}

  set(folders: string[]): void {
    this.folders = [...new Set(folders.map((f) => path.resolve(f)))];
    for (const f of this.configs.keys()) if (!this.folders.includes(f)) this.configs.delete(f);
  }

  list(): readonly string[] {
    return this.folders;
  }

  /** The innermost workspace folder holding a file, if any. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      if ((file === f || file.startsWith(f + path.sep)) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  isConfigFile(file: string): boolean {
    return path.basename(file) === CONFIG_FILE && this.folders.includes(path.dirname(file));
  }

  /** Settings for a file; files outside every folder get the defaults. */
  configFor(file: string): FolderConfig {
    const folder = this.folderOf(file);
    if (!folder) return { folder: "", settings: DEFAULT_SETTINGS, key: "defaults", configFile: "", diagnostics: [] };
    return this.folderConfig(folder);
  }

  /** The folder's settings if already read, without reading them. */
  loaded(folder: string): FolderConfig | undefined {
    return this.configs.get(folder);
  }

  folderConfig(folder: string): FolderConfig {
    return this.configs.get(folder) ?? this.load(folder);
  }

  /** Re-reads a folder's config, from `text` when the editor has it open (possibly unsaved). */
  load(folder: string, text?: string): FolderConfig {
    const configFile = path.join(folder, CONFIG_FILE);
    const config = readConfig(configFile, text, this.trusted);
    const result: FolderConfig = { folder, configFile, ...config, key: JSON.stringify(config.settings) };
    this.configs.set(folder, result);
    return result;
  }

  clear(): void {
    this.configs.clear();
  }
}

function readConfig(file: string, text: string | undefined, trusted: boolean): { settings: Settings; diagnostics: Diagnostic[] } {
  if (text === undefined) {
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return { settings: DEFAULT_SETTINGS, diagnostics: [] };
    }
  }
  try {
    const parsed = parseConfig(text, CONFIG_FILE);
    if (trusted || !parsed.rules || Object.keys(parsed.rules).length === 0) {
      return { settings: mergeSettings(DEFAULT_SETTINGS, parsed), diagnostics: [] };
    }
    const { rules: _ignored, ...rest } = parsed;
    return {
      settings: mergeSettings(DEFAULT_SETTINGS, rest),
      diagnostics: [configDiagnostic(text, RESTRICTED_NOTE, '"rules"', DiagnosticSeverity.Information)],
    };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const message = err.message.replace(`${CONFIG_FILE}: `, "");
    const quoted = /"([^"]+)"/.exec(message)?.[0];
    return {
      settings: DEFAULT_SETTINGS,
      diagnostics: [configDiagnostic(text, `${message}. Vigil uses its defaults until this is fixed.`, quoted, DiagnosticSeverity.Error)],
    };
  }
}

/** A diagnostic on the first occurrence of `needle` in the file (its first line when absent). */
function configDiagnostic(text: string, message: string, needle: string | undefined, severity: DiagnosticSeverity): Diagnostic {
  const lines = new LineIndex(text);
  const at = needle ? text.indexOf(needle) : -1;
  const range = at >= 0 ? lines.rangeOf(at, at + needle!.length) : lines.rangeOf(0, lines.lineText(0).length);
  return { range, severity, source: SOURCE, code: "vigil/config", message };
}
