import type { VigilRule } from "../../server/src/engine/rule";
import tlsVerificationDisabled from "./tls-verification-disabled";
import weakPasswordHash from "./weak-password-hash";
import weakCipher from "./weak-cipher";
import insecureRandomness from "./insecure-randomness";
import jwtVerificationBypass from "./jwt-verification-bypass";
import insecureCookie from "./insecure-cookie";
import corsReflectOriginCredentials from "./cors-reflect-origin-credentials";
import postmessageAnyOrigin from "./postmessage-any-origin";
import hardcodedCredentials from "./hardcoded-credentials";
import codeInjection from "./code-injection";
import domXssSink from "./dom-xss-sink";

export const JS_RULES: readonly VigilRule[] = [tlsVerificationDisabled, weakPasswordHash, weakCipher, insecureRandomness, jwtVerificationBypass, insecureCookie, corsReflectOriginCredentials, postmessageAnyOrigin, hardcodedCredentials, codeInjection, domXssSink];
