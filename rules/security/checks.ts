/**
 * eslint-plugin-security's checks on TypeScript's tree, one file per rule, each keeping the
 * plugin rule's meaning (its conditions and messages); test/security-parity.test.ts holds each
 * to the plugin's own findings on real code. A rule not listed here still runs through ESLint.
 */
import type { NativeRule } from "../../server/src/engine/rule";

export type SecurityCheck = Pick<NativeRule, "messages" | "triggers" | "create">;

export const NATIVE_CHECKS: Readonly<Record<string, SecurityCheck>> = {
};
