// No threat model covers this file, so no id can be resolved.

// ruleid: threatmodel/unknown-threat-reference
// @threat T1
function search(db, term) {
  // ok: threatmodel/unknown-threat-reference
  // Threat T1 is described in the design notes (not an annotation).
  return db.query("SELECT * FROM orders WHERE title LIKE ?", [`%${term}%`]);
}

module.exports = { search };
