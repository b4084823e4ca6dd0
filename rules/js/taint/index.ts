/** Taint specifications (sources, sinks, sanitisers per framework) and the rules that report their flows. */
export * from "./spec";
export * from "./sources";
export * from "./sinks";
export * from "./sanitizers";
export { TAINT_RULES, TAINT_RULE_BY_ID, type TaintRule } from "./rules";
