/**
 * eslint-plugin-security's detect-bidi-characters: every Unicode bidirectional control character
 * (Trojan Source) inside a token or comment, each reported on its own with the text around it.
 */
import type { SecurityCheck } from "./checks";
import { reportCharacters } from "./source-characters";

const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const check: SecurityCheck = {
  // The characters themselves, in one pass over the text (`test` of a global RegExp keeps state: a copy).
  triggers: [new RegExp(BIDI_CONTROL.source)],
  messages: {
    code: "Detected potential trojan source attack with unicode bidi introduced in this code: '{{text}}'.",
    comment: "Detected potential trojan source attack with unicode bidi introduced in this comment: '{{text}}'.",
  },
  create(context) {
    return { SourceFile: () => reportCharacters(context, BIDI_CONTROL) };
  },
};

export default check;
