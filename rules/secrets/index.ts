import type { VigilRule } from "../../server/src/engine/rule";
import hardcodedSecret from "./hardcoded-secret";
import privateKey from "./private-key";
import providerToken from "./provider-token";

/** Credentials written into files, found by the secrets analyzer. */
export const SECRETS_RULES: readonly VigilRule[] = [providerToken, privateKey, hardcodedSecret];
