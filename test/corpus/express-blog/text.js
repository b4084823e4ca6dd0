/** URL-safe slug: lowercase letters, digits and dashes. */
function toSlug(title) {
  return String(title).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** A tiny markdown subset; escapes HTML first. */
function renderMarkdown(md) {
  const escaped = String(md).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped.replace(/\*\*(.+?)\*\*/g, "<b>$1</b>").replace(/\n/g, "<br>");
}

module.exports = { toSlug, renderMarkdown };
