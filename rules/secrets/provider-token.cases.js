const { Octokit } = require("@octokit/rest");
const Stripe = require("stripe");

// ruleid: secrets/provider-token
const octokit = new Octokit({ auth: "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" });

// ruleid: secrets/provider-token
const stripe = new Stripe("sk_live_uw7sihnGJ9OOotPDRfKNRa0x");

const config = {
  // ruleid: secrets/provider-token
  slackWebhook: "https://hooks.slack.com/services/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",
  // ruleid: secrets/provider-token
  mapsKey: 'AIzamRKtKKhTEQgFaeTQDBiIIvaBZhM8FX46kw_',
  // ok: secrets/provider-token
  stripeTest: "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  // ok: secrets/provider-token
  githubToken: process.env.GITHUB_TOKEN,
};

// The AWS documentation's sample key id is not a secret.
// ok: secrets/provider-token
const sampleKeyId = "AKIAIOSFODNN7EXAMPLE";

// A token-shaped string whose checksum does not match is not a GitHub token.
// ok: secrets/provider-token
const notAToken = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";

// ruleid: secrets/provider-token
// deploy with 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 until CI has its own token

// ok: secrets/provider-token
const jwtIoSample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

module.exports = { octokit, stripe, config, sampleKeyId, notAToken, jwtIoSample };
