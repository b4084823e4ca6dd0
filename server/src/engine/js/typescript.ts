/**
 * TypeScript's API, imported here once. In the bundle every module that imports the CommonJS
 * package itself gets its own copy of its 2,000-odd exports at load time; importing this module
 * instead costs one copy.
 */
import ts from "typescript";

export default ts;
