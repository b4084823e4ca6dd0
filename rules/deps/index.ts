import type { VigilRule } from "../../server/src/engine/rule";
import vulnerableDependency from "./vulnerable-dependency";

/** Dependency checks: lockfiles and manifests against advisories. */
export const DEPS_RULES: readonly VigilRule[] = [vulnerableDependency];
