/**
 * eslint-plugin-security's detect-bidi-characters: every Unicode bidirectional control character
 * (Trojan Source) inside a token or comment, each reported on its own with the text around it.
 */
import type { SecurityCheck } from "./checks";
import { reportCharacters } from "./source-characters";

const BIDI_CONTROLS = ["\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
const BIDI_CONTROL = new RegExp(`[${BIDI_CONTROLS.join("")}]`, "g");

const check: SecurityCheck = {
  // The characters themselves: a text search for one that is not in the text ends at once.
  triggers: BIDI_CONTROLS,
  messages: {
    code: "Detected potential trojan source attack with unicode bidi introduced in this code: '{{text}}'.",
    comment: "Detected potential trojan source attack with unicode bidi introduced in this comment: '{{text}}'.",
  },
  create(context) {
    return { SourceFile: () => reportCharacters(context, BIDI_CONTROL) };
  },
};

export default check;
