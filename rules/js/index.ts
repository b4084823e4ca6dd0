import type { VigilRule } from "../../server/src/engine/rule";
import tlsVerificationDisabled from "./tls-verification-disabled";

export const JS_RULES: readonly VigilRule[] = [tlsVerificationDisabled];
