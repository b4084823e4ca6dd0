const path = require("node:path");

function notesDir() {
  return path.join(__dirname, "data", "notes");
}

/** Keeps letters, digits, dashes and underscores only. */
function sanitizeTitle(title) {
  return String(title).replace(/[^\w-]/g, "_");
}

module.exports = { notesDir, sanitizeTitle };
