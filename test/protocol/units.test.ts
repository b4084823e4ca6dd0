import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { TextDocument } from "vscode-languageserver-textdocument";
import { EDITOR_SETTING_DEFAULTS, readEditorSettings } from "../../server/src/lsp/settings";
import { ignoreEdit } from "../../server/src/lsp/code-actions";
import { findSuppressions } from "../../server/src/engine/suppress";
import { LineIndex } from "../../server/src/engine/text";

/** In-process checks of the server's pure pieces: what the protocol tests only reach indirectly. */

describe("editor settings as workspace/configuration returns them", () => {
  test("nested keys are read; absent ones keep their defaults", () => {
    const { values, problems } = readEditorSettings({ scanOn: "type", trace: { server: "verbose" } });
    assert.deepEqual(values, { ...EDITOR_SETTING_DEFAULTS, "vigil.scanOn": "type", "vigil.trace.server": "verbose" });
    assert.deepEqual(problems, []);
  });

  test("wrong values fall back, each named once", () => {
    const { values, problems } = readEditorSettings({ scanOn: 3, typeDelay: -5, trace: "verbose" });
    assert.deepEqual(values, EDITOR_SETTING_DEFAULTS);
    assert.deepEqual(problems, [
      'vigil.scanOn: ignoring 3, using "save"',
      "vigil.typeDelay: ignoring -5, using 300",
    ]);
    assert.deepEqual(readEditorSettings(null).values, EDITOR_SETTING_DEFAULTS);
  });
});

describe("the ignore comment speaks the file's language and is one the engine honours", () => {
  const cases: [string, string, string][] = [
    ["typescript", "  eval(x);\n", "  // vigil-ignore-next-line js/code-injection -- trusted input\n"],
    ["python", "    eval(x)\n", "    # vigil-ignore-next-line js/code-injection -- trusted input\n"],
    ["html", "\t<script>eval(x)</script>\n", "\t<!-- vigil-ignore-next-line js/code-injection -- trusted input -->\n"],
    ["sql", "SELECT 1;\r\n", "-- vigil-ignore-next-line js/code-injection -- trusted input\r\n"],
  ];
  for (const [language, text, comment] of cases) {
    test(language, () => {
      const doc = TextDocument.create("file:///w/f", language, 1, text);
      const edit = ignoreEdit(doc, 0, "js/code-injection", "trusted\ninput");
      const [change] = edit.changes!["file:///w/f"]!;
      assert.equal(change!.newText, comment);
      const after = TextDocument.applyEdits(doc, [change!]);
      const [s] = findSuppressions(new LineIndex(after));
      assert.deepEqual([s!.target, s!.ruleIds, s!.reason], [1, ["js/code-injection"], "trusted input"]);
    });
  }
});
