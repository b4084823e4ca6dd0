function search(req, res, items) {
  // ruleid: security/detect-non-literal-regexp
  const pattern = new RegExp(req.query.q, "i");
  res.json(items.filter((item) => pattern.test(item.name)));
}

function startsWith(prefix) {
  // ruleid: security/detect-non-literal-regexp
  return new RegExp("^" + prefix);
}

const SLUG = "^[a-z0-9-]{1,64}$";

function isSlug(value) {
  // ok: security/detect-non-literal-regexp
  return new RegExp(SLUG).test(value);
}

function isHexColour(value) {
  // ok: security/detect-non-literal-regexp
  return new RegExp("^#[0-9a-f]{6}$", "i").test(value);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function containsWord(text, word) {
  // ruleid: security/detect-non-literal-regexp
  return new RegExp(`\\b${escapeRegExp(word)}\\b`).test(text);
}

module.exports = { search, startsWith, isSlug, isHexColour, containsWord };
