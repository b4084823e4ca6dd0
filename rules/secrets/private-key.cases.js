const jwt = require("jsonwebtoken");

// ruleid: secrets/private-key
const SIGNING_KEY = "-----BEGIN RSA PRIVATE KEY-----\nM+hGEp2xmZQpRdtEi+Kr+WubFBv63B5WM9FdHuOTDWWpcuCiFQWZDp8YnrQiO8eQ\n2KK3wwVyVB3wmrgESxqynvtH1T4IOskPZIzpK2pdFFTmOIMoJT0jIhEmAUFxEUBU\n07nagRsr8A7OsgrlMeT6EZwQ4Q1UunREkWs3RM/VqYVFTV+x9d5X8D75vWxtdeLC\n-----END RSA PRIVATE KEY-----\n";

// Code that assembles a PEM from parts it reads at run time holds no key.
function toPem(base64Body) {
  // ok: secrets/private-key
  return `-----BEGIN PRIVATE KEY-----\n${base64Body}\n-----END PRIVATE KEY-----\n`;
}

// ok: secrets/private-key
const PLACEHOLDER = "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----";

module.exports = { sign: (claims) => jwt.sign(claims, SIGNING_KEY, { algorithm: "RS256" }), toPem, PLACEHOLDER };
