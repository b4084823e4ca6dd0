import type { Connection } from "vscode-languageserver";
import { EDITOR_SETTING_DEFAULTS, readEditorSettings, type EditorSettingValues } from "./settings";

/**
 * Editor settings per resource, pulled with `workspace/configuration` and cached until the client
 * says they changed. Clients without pull support get what `didChangeConfiguration` pushed last.
 */
export class EditorSettingsCache {
  private readonly byUri = new Map<string, Promise<EditorSettingValues>>();
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly log: (message: string) => void,
  ) {}

  get(uri: string): Promise<EditorSettingValues> {
    let hit = this.byUri.get(uri);
    if (!hit) {
      hit = this.fetch(uri);
      this.byUri.set(uri, hit);
    }
    return hit;
  }

  /** Forget everything; `pushed` is the `settings` of didChangeConfiguration, if any. */
  reset(pushed: unknown): void {
    this.byUri.clear();
    if (pushed && typeof pushed === "object" && "vigil" in pushed) this.pushed = (pushed as { vigil: unknown }).vigil;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  private async fetch(uri: string): Promise<EditorSettingValues> {
    let section = this.pushed;
    if (this.canPull()) {
      try {
        section = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: "vigil" });
      } catch (err) {
        this.log(`Could not read settings for ${uri}, using defaults: ${String(err)}`);
        return { ...EDITOR_SETTING_DEFAULTS };
      }
    }
    const { values, problems } = readEditorSettings(section);
    for (const p of problems) this.log(`Setting ${p}`);
    return values;
  }
}
