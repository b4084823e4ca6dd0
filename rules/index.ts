/** The registry: every rule Vigil knows, one import per category. */
import type { VigilRule } from "../server/src/engine/rule";
import { JS_RULES } from "./js";
import { SECURITY_PLUGIN_RULES } from "./security";
import { SECRETS_RULES } from "./secrets";
import { TOOL_RULES } from "./vigil";

export const ALL_RULES: readonly VigilRule[] = [...JS_RULES, ...SECURITY_PLUGIN_RULES, ...SECRETS_RULES, ...TOOL_RULES];
