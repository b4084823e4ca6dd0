/**
 * eslint-plugin-security's detect-invisible-characters: Hangul fillers (U+3164, U+FFA0), valid in
 * identifiers yet without a glyph, inside a token or comment, each reported on its own.
 */
import type { SecurityCheck } from "./checks";
import { reportCharacters } from "./source-characters";

const FILLERS = ["\u3164", "\uFFA0"];
const FILLER = new RegExp(`[${FILLERS.join("")}]`, "g");

const check: SecurityCheck = {
  triggers: FILLERS,
  messages: {
    code: "Detected an invisible character introduced in this code: '{{text}}'.",
    comment: "Detected an invisible character introduced in this comment: '{{text}}'.",
  },
  create(context) {
    return { SourceFile: () => reportCharacters(context, FILLER) };
  },
};

export default check;
