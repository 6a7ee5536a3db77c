const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

let table: Uint32Array | undefined;

function tableCrc32(bytes: Uint8Array): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crc >>> 8) ^ (table[(crc ^ byte) & 0xff] ?? 0);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE) of a string's UTF-8 bytes; table-based so the web UI can share it without node:zlib. */
export function crc32(text: string): number {
  return tableCrc32(new TextEncoder().encode(text));
}

/**
 * The 6-character checksum GitHub appends to `gh?_` tokens: CRC-32 of the 30 random
 * characters, in base62 (0-9A-Za-z), left-padded with '0'.
 * @see https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
export function tokenChecksum(random: string): string {
  let value = crc32(random);
  let out = "";
  do {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out.padStart(6, "0");
}
