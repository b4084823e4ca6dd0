// Invisible identifiers: U+3164 HANGUL FILLER and U+FFA0 HALFWIDTH HANGUL FILLER are valid
// identifier characters with no glyph, so a reviewer cannot see the extra variable.
const { exec } = require("child_process");

function runCheck(req, res) {
  // ruleid: security/detect-invisible-characters
  const { timeout, ㅤ} = req.query;
  const checks = [
    "ping -c 1 example.com",
    "curl -s http://example.com/health",
    // ruleid: security/detect-invisible-characters
    ㅤ,
  ];
  exec(checks[Number(req.query.check)], { timeout }, (err) => res.sendStatus(err ? 500 : 200));
}

// ruleid: security/detect-invisible-characters
const label = "statusﾠok";

// ruleid: security/detect-invisible-characters
// TODOㅤ remove before release

// ok: security/detect-invisible-characters
const filler = "\u3164";

// ok: security/detect-invisible-characters
const hello = "안녕하세요";

module.exports = { runCheck, label, filler, hello };
