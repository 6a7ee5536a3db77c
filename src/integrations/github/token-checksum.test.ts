import assert from "node:assert/strict";
import { it } from "node:test";
import * as zlib from "node:zlib";
import fc from "fast-check";
import { crc32, tokenChecksum } from "./token-checksum.ts";

it("crc32 matches the IEEE check value and node:zlib's crc32 on UTF-8 text", (t) => {
  assert.equal(crc32("123456789"), 0xcbf43926);
  assert.equal(crc32(""), 0);
  assert.equal(crc32("The quick brown fox jumps over the lazy dog"), 0x414fa339);
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native === undefined) return t.skip("node:zlib has no crc32 before Node 20.15");
  fc.assert(fc.property(fc.string({ maxLength: 64 }), (s) => crc32(s) === native(new TextEncoder().encode(s)) >>> 0));
});

it("tokenChecksum is 6 base62 characters, left-padded with 0", () => {
  assert.equal(tokenChecksum("123456789"), "3jZRME"); // base62 of 0xcbf43926
  fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => /^[0-9A-Za-z]{6}$/.test(tokenChecksum(s))));
});
