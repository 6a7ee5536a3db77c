import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { constantTimeEqual, randomToken, sha256Hex } from "./random-token.ts";

describe("random tokens", () => {
  it("makes base64url tokens of the requested size that differ", () => {
    const token = randomToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(randomToken(), token);
    assert.equal(Buffer.from(randomToken(16), "base64url").length, 16);
  });

  it("hashes with SHA-256 hex", () => {
    assert.equal(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("compares strings of any length without throwing", () => {
    assert.equal(constantTimeEqual("same", "same"), true);
    assert.equal(constantTimeEqual("same", "Same"), false);
    assert.equal(constantTimeEqual("short", "a much longer string"), false);
    assert.equal(constantTimeEqual("", ""), true);
  });
});
