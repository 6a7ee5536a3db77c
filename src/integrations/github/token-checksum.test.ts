import assert from "node:assert/strict";
import { it } from "node:test";
import fc from "fast-check";
import { crc32, crc32ForTest, tokenChecksum } from "./token-checksum.ts";

it("crc32 matches the IEEE check value and the table fallback", () => {
  assert.equal(crc32("123456789"), 0xcbf43926);
  fc.assert(fc.property(fc.string({ maxLength: 64 }), (s) => crc32(s) === crc32ForTest(s)));
});

it("tokenChecksum is 6 base62 characters, left-padded with 0", () => {
  assert.equal(tokenChecksum("123456789"), "3jZRME"); // base62 of 0xcbf43926
  fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => /^[0-9A-Za-z]{6}$/.test(tokenChecksum(s))));
});
