/** The registry: every rule Vigil knows, one import per category. */
import type { VigilRule } from "../server/src/engine/rule";
import { JS_RULES } from "./js";
import { TAINT_RULES } from "./js/taint";
import { SECURITY_PLUGIN_RULES } from "./security";
import { SECRETS_RULES } from "./secrets";
import { DOCKER_RULES } from "./docker";
import { K8S_RULES } from "./k8s";
import { GHA_RULES } from "./gha";
import { COMPOSE_RULES } from "./compose";
import { THREAT_MODEL_RULES } from "./threatmodel";
import { DEPS_RULES } from "./deps";
import { TOOL_RULES } from "./vigil";

export const ALL_RULES: readonly VigilRule[] = [...JS_RULES, ...TAINT_RULES, ...SECURITY_PLUGIN_RULES, ...SECRETS_RULES, ...DOCKER_RULES, ...K8S_RULES, ...GHA_RULES, ...COMPOSE_RULES, ...THREAT_MODEL_RULES, ...DEPS_RULES, ...TOOL_RULES];
