const ALLOWED_PREFIXES = ["/account", "/cart", "/orders"];

/** True for local paths under the areas users may return to. */
function validateRedirect(target) {
  return typeof target === "string" && ALLOWED_PREFIXES.some((p) => target === p || target.startsWith(p + "/"));
}

module.exports = { validateRedirect };
