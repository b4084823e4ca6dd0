import type { VigilRule } from "../../server/src/engine/rule";
import dockerSocketMount from "./docker-socket-mount";
import hostNetwork from "./host-network";
import privileged from "./privileged";
import secretInEnvironment from "./secret-in-environment";

/** Docker Compose checks. */
export const COMPOSE_RULES: readonly VigilRule[] = [privileged, dockerSocketMount, hostNetwork, secretInEnvironment];
