declare module "safe-regex" {
  /** False when the pattern (a RegExp, or any value made into one) may take exponential time, or does not parse. */
  function safeRegex(re: unknown, opts?: { limit?: number }): boolean;
  export = safeRegex;
}
