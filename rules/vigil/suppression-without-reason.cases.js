const https = require("https");

// ruleid: vigil/suppression-without-reason
// vigil-ignore-next-line js/tls-verification-disabled
const legacyAgent = new https.Agent({ rejectUnauthorized: false });

// ok: vigil/suppression-without-reason
// vigil-ignore-next-line js/tls-verification-disabled -- talks only to the local test server, which uses a self-signed certificate
const testAgent = new https.Agent({ rejectUnauthorized: false });

// ruleid: vigil/suppression-without-reason
const devAgent = new https.Agent({ rejectUnauthorized: false }); // vigil-ignore-line js/tls-verification-disabled --

// ok: vigil/suppression-without-reason
const ciAgent = new https.Agent({ rejectUnauthorized: false }); // vigil-ignore-line -- CI proxy re-signs traffic; its CA is not in the image yet

module.exports = { legacyAgent, testAgent, devAgent, ciAgent };
