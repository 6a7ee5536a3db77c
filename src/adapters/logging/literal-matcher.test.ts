import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { LiteralMatcher } from "./literal-matcher.ts";

function matcherOf(...literals: string[]): LiteralMatcher {
  const matcher = new LiteralMatcher();
  for (const literal of literals) matcher.add(literal);
  return matcher;
}

describe("LiteralMatcher", () => {
  it("replaces every occurrence, preferring the longest literal at a position", () => {
    const matcher = matcherOf("abcdefgh", "abcdefghijkl", "zzzzzzzz");
    assert.equal(matcher.replaceAll("1abcdefghijkl2abcdefgh3zzzzzzzz", "#"), "1#2#3#");
    assert.equal(matcher.replaceAll("abcdefg nothing here", "#"), "abcdefg nothing here");
  });

  it("merges overlapping and adjacent matches so no fragment survives", () => {
    const matcher = matcherOf("aaaabbbb", "bbbbcccccccc");
    assert.equal(matcher.replaceAll("x aaaabbbbcccccccc y", "#"), "x # y");
    assert.equal(matcher.replaceAll("x aaaabbbbbbbbcccccccc y", "#"), "x # y");
  });

  it("ignores literals shorter than 8 characters and handles short or empty text", () => {
    const matcher = matcherOf("short", "longenough");
    assert.equal(matcher.replaceAll("short longenough", "#"), "short #");
    assert.equal(matcher.replaceAll("", "#"), "");
    assert.equal(new LiteralMatcher().replaceAll("longenough", "#"), "longenough");
    assert.equal(matcher.test("xx longenough"), true);
    assert.equal(matcher.test("xx longenoug"), false);
  });

  it("agrees with a naive search for many random literals, including non-ASCII", () => {
    const literals = Array.from({ length: 2000 }, (_, i) => `${randomBytes(6 + (i % 20)).toString("base64")}${i % 7 === 0 ? "é✓" : ""}`);
    const matcher = matcherOf(...literals);
    const chosen = literals.filter((_, i) => i % 13 === 0);
    const text = chosen.join(" | ");
    assert.equal(matcher.replaceAll(text, "#"), chosen.map(() => "#").join(" | "));
  });
});
