// A BigInt is a literal too, in any base and with separators.
// ok: security/detect-new-buffer
const sixteen = new Buffer(0x1_0n);

function allocate(size) {
  // ruleid: security/detect-new-buffer
  return new Buffer(size);
}

function echo(req, res) {
  // ruleid: security/detect-new-buffer
  const data = new Buffer(req.body.payload);
  res.end(data);
}

function allocateSafely(size) {
  // ok: security/detect-new-buffer
  return Buffer.alloc(size);
}

function echoSafely(req, res) {
  // ok: security/detect-new-buffer
  const data = Buffer.from(String(req.body.payload), "utf8");
  res.end(data);
}

// ok: security/detect-new-buffer
const greeting = new Buffer("hello");

module.exports = { sixteen, allocate, echo, allocateSafely, echoSafely, greeting };
