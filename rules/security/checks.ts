/**
 * eslint-plugin-security's checks on TypeScript's tree, one file per rule, each keeping the
 * plugin rule's meaning (its conditions and messages); test/security-parity.test.ts holds each
 * to the plugin's own findings on real code. A rule not listed here still runs through ESLint.
 */
import type { NativeRule } from "../../server/src/engine/rule";
import detectChildProcess from "./detect-child-process";
import detectNonLiteralFsFilename from "./detect-non-literal-fs-filename";
import detectNonLiteralRegexp from "./detect-non-literal-regexp";
import detectNonLiteralRequire from "./detect-non-literal-require";
import detectBidiCharacters from "./detect-bidi-characters";
import detectInvisibleCharacters from "./detect-invisible-characters";
import detectBufferNoassert from "./detect-buffer-noassert";
import detectDisableMustacheEscape from "./detect-disable-mustache-escape";
import detectEvalWithExpression from "./detect-eval-with-expression";
import detectNewBuffer from "./detect-new-buffer";
import detectNoCsrfBeforeMethodOverride from "./detect-no-csrf-before-method-override";
import detectObjectInjection from "./detect-object-injection";
import detectPossibleTimingAttacks from "./detect-possible-timing-attacks";
import detectPseudoRandomBytes from "./detect-pseudoRandomBytes";
import detectUnsafeRegex from "./detect-unsafe-regex";

export type SecurityCheck = Pick<NativeRule, "messages" | "triggers" | "create">;

export const NATIVE_CHECKS: Readonly<Record<string, SecurityCheck>> = {
  "detect-child-process": detectChildProcess,
  "detect-non-literal-fs-filename": detectNonLiteralFsFilename,
  "detect-non-literal-regexp": detectNonLiteralRegexp,
  "detect-non-literal-require": detectNonLiteralRequire,
  "detect-bidi-characters": detectBidiCharacters,
  "detect-invisible-characters": detectInvisibleCharacters,
  "detect-buffer-noassert": detectBufferNoassert,
  "detect-disable-mustache-escape": detectDisableMustacheEscape,
  "detect-eval-with-expression": detectEvalWithExpression,
  "detect-new-buffer": detectNewBuffer,
  "detect-no-csrf-before-method-override": detectNoCsrfBeforeMethodOverride,
  "detect-object-injection": detectObjectInjection,
  "detect-possible-timing-attacks": detectPossibleTimingAttacks,
  "detect-pseudoRandomBytes": detectPseudoRandomBytes,
  "detect-unsafe-regex": detectUnsafeRegex,
};
