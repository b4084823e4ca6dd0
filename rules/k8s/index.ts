import type { VigilRule } from "../../server/src/engine/rule";
import dangerousCapabilities from "./dangerous-capabilities";
import hostNamespace from "./host-namespace";
import hostPathMount from "./host-path-mount";
import missingResourceLimits from "./missing-resource-limits";
import privilegeEscalation from "./privilege-escalation";
import privilegedContainer from "./privileged-container";
import runAsRoot from "./run-as-root";
import secretInEnv from "./secret-in-env";
import unpinnedImage from "./unpinned-image";

/** Kubernetes workload manifest checks. */
export const K8S_RULES: readonly VigilRule[] = [privilegedContainer, privilegeEscalation, runAsRoot, hostNamespace, hostPathMount, dangerousCapabilities, unpinnedImage, secretInEnv, missingResourceLimits];
