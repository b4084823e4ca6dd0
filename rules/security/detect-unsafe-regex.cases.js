// ruleid: security/detect-unsafe-regex
const EMAIL = /^([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\.)+([a-zA-Z0-9]{2,4})+$/;

// ruleid: security/detect-unsafe-regex
const WORDS = /^(\w+\s?)*$/;

function isRepeated(value) {
  // ruleid: security/detect-unsafe-regex
  return new RegExp("^(a+)+$").test(value);
}

// ok: security/detect-unsafe-regex
const USERNAME = /^[a-z0-9_-]{3,16}$/;

// ok: security/detect-unsafe-regex
const DIGITS = new RegExp("^\\d+$");

function isEmail(value) {
  // ok: security/detect-unsafe-regex
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

module.exports = { EMAIL, WORDS, isRepeated, USERNAME, DIGITS, isEmail };
