import type { VigilRule } from "../../server/src/engine/rule";
import expiredAcceptance from "./expired-acceptance";
import invalidModel from "./invalid-model";
import staleAcceptance from "./stale-acceptance";
import unknownThreatReference from "./unknown-threat-reference";

/** Problems in threat models and in the annotations that point at them. */
export const THREAT_MODEL_RULES: readonly VigilRule[] = [invalidModel, unknownThreatReference, expiredAcceptance, staleAcceptance];
