// Trojan Source (CVE-2021-42574): bidi controls make code render differently from how it runs.

function canAccess(user) {
  let isAdmin = false;
  // ruleid: security/detect-bidi-characters
  /*‮ } ⁦if (isAdmin)⁩ ⁦ begin admins only */
  isAdmin = user.role === "admin";
  // ruleid: security/detect-bidi-characters
  /* end admins only ‮ { ⁦*/
  return isAdmin;
}

function accessLevel(level) {
  // ruleid: security/detect-bidi-characters
  if (level !== "user‮ ⁦// Check if admin⁩ ⁦") {
    return "admin";
  }
  return "user";
}

// ruleid: security/detect-bidi-characters
const banner = `Welcome ⁧back⁩`;

// ok: security/detect-bidi-characters
const marker = "\u202E";

// ok: security/detect-bidi-characters
const greeting = "שלום مرحبا";

module.exports = { canAccess, accessLevel, banner, marker, greeting };
