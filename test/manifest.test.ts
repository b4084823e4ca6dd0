// Holds package.json (the VS Code manifest) to the code it describes: the editor settings the
// server reads, the commands the client registers, the languages it analyses.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { COMMANDS, INTERNAL_COMMANDS } from "../client/src/command-ids";
import { LANGUAGES } from "../server/src/engine/language";
import { EDITOR_SETTING_DEFAULTS, EDITOR_SETTING_ENUMS } from "../server/src/lsp/settings";

interface ConfigurationProperty {
  type: string;
  default: unknown;
  enum?: unknown[];
  enumDescriptions?: string[];
  description?: string;
  markdownDescription?: string;
}
interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
    configuration: { properties: Record<string, ConfigurationProperty> };
  };
  capabilities?: { untrustedWorkspaces?: { supported: unknown; description?: string } };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe("package.json contributes.configuration", () => {
  test("declares exactly the editor settings the server reads, with the same defaults", () => {
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(EDITOR_SETTING_DEFAULTS).sort());
    for (const [key, value] of Object.entries(EDITOR_SETTING_DEFAULTS)) {
      assert.deepEqual(properties[key]?.default, value, `default of ${key}`);
      assert.equal(properties[key]?.type, typeof value, `type of ${key}`);
    }
  });

  test("enums match the server's, each value described", () => {
    const enums: Record<string, readonly string[]> = EDITOR_SETTING_ENUMS;
    for (const [key, property] of Object.entries(properties)) {
      assert.deepEqual(property.enum, enums[key] ? [...enums[key]] : undefined, `enum of ${key}`);
      if (property.enum) assert.equal(property.enumDescriptions?.length, property.enum.length, `enumDescriptions of ${key}`);
    }
  });

  test("every setting has a description", () => {
    for (const [key, property] of Object.entries(properties)) {
      assert.ok((property.description ?? property.markdownDescription ?? "").length > 10, `${key} needs a description`);
    }
  });
});

describe("package.json commands", () => {
  const declared = manifest.contributes.commands;

  test('every command has the category "Vigil" and a title', () => {
    for (const c of declared) {
      assert.equal(c.category, "Vigil", `${c.command} category`);
      assert.ok(c.title.length > 0, `${c.command} title`);
    }
  });

  test("declares exactly the commands the client registers", () => {
    assert.deepEqual(declared.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  });

  test("commands that need arguments are hidden from the command palette", () => {
    const hidden = (manifest.contributes.menus?.commandPalette ?? []).filter((m) => m.when === "false");
    assert.deepEqual(hidden.map((m) => m.command).sort(), [...INTERNAL_COMMANDS].sort());
  });
});

describe("package.json activation and trust", () => {
  test("activates on every language the server analyses", () => {
    const languages = manifest.activationEvents
      .filter((e) => e.startsWith("onLanguage:"))
      .map((e) => e.slice("onLanguage:".length));
    assert.deepEqual(languages.sort(), [...LANGUAGES].sort());
  });

  test("declares limited support for untrusted workspaces", () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, "limited");
    assert.ok((trust?.description ?? "").length > 0);
  });
});
