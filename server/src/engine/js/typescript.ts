/**
 * TypeScript's API, imported here once, by `require`: the bundle then hands out the package's own
 * exports object. An `import` of the CommonJS package would copy its 2,000-odd exports at load,
 * once per importing module (about 5% of the language server's start-up even when done once here).
 */
import ts = require("typescript");

export default ts;
