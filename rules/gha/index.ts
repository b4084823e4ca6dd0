import type { VigilRule } from "../../server/src/engine/rule";
import missingPermissions from "./missing-permissions";
import scriptInjection from "./script-injection";
import secretInLog from "./secret-in-log";
import unpinnedAction from "./unpinned-action";
import untrustedCheckout from "./untrusted-checkout";
import writeAllPermissions from "./write-all-permissions";

/** GitHub Actions workflow checks. */
export const GHA_RULES: readonly VigilRule[] = [scriptInjection, untrustedCheckout, writeAllPermissions, missingPermissions, unpinnedAction, secretInLog];
