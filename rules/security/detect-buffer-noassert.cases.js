// Parsing a binary record header from a network packet.

function readHeader(packet, offset) {
  // ruleid: security/detect-buffer-noassert
  const length = packet.readUInt32BE(offset, true);
  // ruleid: security/detect-buffer-noassert
  const kind = packet.readUInt8(offset + 4, true);
  return { length, kind };
}

function writeHeader(out, offset, length, kind) {
  // ruleid: security/detect-buffer-noassert
  out.writeUInt32BE(length, offset, true);
  // ok: security/detect-buffer-noassert
  out.writeUInt8(kind, offset + 4);
}

function readChecked(packet, offset) {
  if (offset + 8 > packet.length) throw new RangeError("truncated packet");
  // ok: security/detect-buffer-noassert
  const a = packet.readInt32LE(offset);
  // ok: security/detect-buffer-noassert
  const b = packet.readInt32LE(offset + 4, false);
  return a + b;
}

module.exports = { readHeader, writeHeader, readChecked };
