const crypto = require("crypto");
const forge = require("node-forge");

function encryptLegacy(text, key, iv) {
  // ruleid: js/weak-cipher
  const cipher = crypto.createCipheriv("des-ede3-cbc", key, iv);
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function encryptBlock(buf, key) {
  // ruleid: js/weak-cipher
  const cipher = crypto.createCipheriv("aes-256-ecb", key, null);
  return Buffer.concat([cipher.update(buf), cipher.final()]);
}

function decryptRc4(buf, key) {
  // ruleid: js/weak-cipher
  const decipher = crypto.createDecipheriv("rc4", key, "");
  return decipher.update(buf);
}

function encryptOld(text, password) {
  // ruleid: js/weak-cipher
  const cipher = crypto.createCipher("aes192", password);
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function encryptBlowfish(data, key, iv) {
  // ruleid: js/weak-cipher
  return crypto.createCipheriv("bf-cbc", key, iv).update(data);
}

function encrypt(text, key) {
  const iv = crypto.randomBytes(12);
  // ok: js/weak-cipher
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return { iv, body, tag: cipher.getAuthTag() };
}

function forgeEncrypt(key, iv, bytes) {
  // ok: js/weak-cipher
  const cipher = forge.cipher.createCipher("AES-GCM", key);
  cipher.start({ iv });
  cipher.update(forge.util.createBuffer(bytes));
  return cipher;
}

function chooseCipher(settings, key, iv) {
  // ok: js/weak-cipher
  return crypto.createCipheriv(settings.algorithm, key, iv);
}

// ok: js/weak-cipher
const description = "des-ede3-cbc is not supported";

module.exports = { encryptLegacy, encryptBlock, decryptRc4, encryptOld, encryptBlowfish, encrypt, forgeEncrypt, chooseCipher, description };
