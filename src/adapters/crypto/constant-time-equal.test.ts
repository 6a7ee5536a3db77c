import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { constantTimeEqual } from "./constant-time-equal.ts";

describe("constantTimeEqual", () => {
  it("compares strings of any length without throwing", () => {
    assert.equal(constantTimeEqual("same", "same"), true);
    assert.equal(constantTimeEqual("same", "Same"), false);
    assert.equal(constantTimeEqual("short", "a much longer string"), false);
    assert.equal(constantTimeEqual("", ""), true);
  });
});
