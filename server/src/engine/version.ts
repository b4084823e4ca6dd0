import pkg from "../../../package.json";

/** The engine's version is the package's: it keys caches and names the tool in reports. */
export const VERSION: string = pkg.version;
