/**
 * CRC-32 (IEEE 802.3, the polynomial of zip and PNG), to tell a damaged or truncated download from
 * a whole one. Not a defence against tampering (the site serves both the file and the code that
 * checks it); SHA-256 through Web Crypto would be, but crypto.subtle exists only in secure contexts,
 * and the game is also served over plain http on a LAN.
 */

const POLYNOMIAL = 0xedb88320;

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

let table: Uint32Array | null = null;

/** The CRC-32 of `bytes`, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  table ??= makeTable();
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (table[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
