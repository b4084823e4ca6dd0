import type { VigilRule } from "../../server/src/engine/rule";
import addFromUrl from "./add-from-url";
import addInsteadOfCopy from "./add-instead-of-copy";
import chmod777 from "./chmod-777";
import pipeToShell from "./pipe-to-shell";
import runsAsRoot from "./runs-as-root";
import secretInEnv from "./secret-in-env";
import sudo from "./sudo";
import unpinnedBaseImage from "./unpinned-base-image";

/** Dockerfile checks. */
export const DOCKER_RULES: readonly VigilRule[] = [unpinnedBaseImage, runsAsRoot, addFromUrl, addInsteadOfCopy, pipeToShell, secretInEnv, sudo, chmod777];
