const https = require("https");
const tls = require("tls");

// ruleid: js/tls-verification-disabled
const agent = new https.Agent({ rejectUnauthorized: false });

function connect(host) {
  return tls.connect({
    host,
    port: 443,
    // ruleid: js/tls-verification-disabled
    rejectUnauthorized: false,
  });
}

// ok: js/tls-verification-disabled
const strict = new https.Agent({ rejectUnauthorized: true });

// ok: js/tls-verification-disabled
const other = { reject: false };

function devOnly() {
  // ruleid: js/tls-verification-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
}

// ok: js/tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";

module.exports = { agent, connect, strict, other, devOnly };
