import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { generateTestToken } from "../../../test/support/github-tokens.ts";
import { classifyToken } from "./classify-token.ts";
import { checksummedPrefixes } from "./github-token-formats.ts";

const prefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"] as const;
const problem = (raw: string) => {
  const result = classifyToken(raw);
  assert.equal(result.ok, false);
  return result.ok ? undefined : result;
};

describe("classifyToken", () => {
  it("recognises each prefix", () => {
    const types = ["classic-pat", "oauth", "user-to-server", "server-to-server", "refresh", "fine-grained-pat"];
    prefixes.forEach((prefix, i) => {
      const result = classifyToken(generateTestToken(prefix));
      assert.equal(result.ok, true);
      assert.equal(result.type, types[i]);
    });
  });

  it("strips whitespace, pasted line breaks and an auth scheme", () => {
    const token = generateTestToken();
    for (const raw of [
      `  ${token}\n`,
      `Bearer ${token}`,
      `token ${token}`,
      `BEARER\t${token}`,
      `${token.slice(0, 10)}\n ${token.slice(10)}`,
    ]) {
      const result = classifyToken(raw);
      assert.deepEqual(result, { ok: true, type: "classic-pat", normalized: token, checksum: "valid" });
    }
  });

  it("keeps a password's inner spaces and flags it as unknown", () => {
    assert.deepEqual(classifyToken(" correct horse battery "), {
      ok: true,
      type: "unknown",
      normalized: "correct horse battery",
      checksum: "not-applicable",
      unknownFormat: "other",
    });
    const hex = "0123456789abcdef0123456789abcdef01234567";
    const result = classifyToken(`token ${hex}`);
    assert.equal(result.ok && result.unknownFormat, "legacy-40-hex");
    assert.equal(result.ok && result.normalized, hex);
  });

  it("names the problem", () => {
    const token = generateTestToken();
    assert.equal(problem("   ")?.code, "TOKEN_EMPTY");
    assert.equal(problem(token.slice(0, 30))?.code, "TOKEN_TRUNCATED");
    assert.equal(problem(token.slice(1))?.code, "TOKEN_TRUNCATED");
    assert.equal(problem(`${token}x`)?.code, "TOKEN_TOO_LONG");
    assert.equal(problem(`${token.slice(0, 10)}-${token.slice(11)}`)?.code, "TOKEN_INVALID_CHARS");
    const flipped = token.slice(-1) === "a" ? "b" : "a";
    assert.equal(problem(token.slice(0, -1) + flipped)?.code, "TOKEN_CHECKSUM_MISMATCH");
    assert.equal(problem(`GHP_${token.slice(4)}`)?.code, "TOKEN_PREFIX_UNKNOWN");
    assert.equal(problem("pass\u0000word")?.code, "TOKEN_INVALID_CHARS");
    assert.equal(problem("x".repeat(2000))?.code, "TOKEN_TOO_LONG");
    const fine = generateTestToken("github_pat_");
    assert.equal(problem(fine.slice(0, 60))?.code, "TOKEN_TRUNCATED");
    assert.equal(problem(`${fine.slice(0, 33)}A${fine.slice(34)}`)?.code, "TOKEN_MALFORMED");
    assert.match(problem(token.slice(0, 30))?.message ?? "", /Copy the token again from GitHub and paste all of it/);
  });

  it("property: generated tokens always classify valid", () => {
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), (prefix) => classifyToken(generateTestToken(prefix)).ok),
      { numRuns: 300 },
    );
  });

  it("property: any single-character change to a ghp_ token's body is rejected", () => {
    const anyChar = fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), fc.constantFrom(" ", "\n", "\t", "_", "-", "é"));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), anyChar, (index, char) => {
        const token = generateTestToken();
        fc.pre(token[index] !== char);
        const changed = token.slice(0, index) + char + token.slice(index + 1);
        const result = classifyToken(changed);
        // The checksum covers only the random part, so ghp_→gho_ stays valid: a different known type.
        const swappedToKnownPrefix = index < 4 && checksummedPrefixes[changed.slice(0, 4)] !== undefined;
        return swappedToKnownPrefix ? result.type !== "classic-pat" : !result.ok;
      }),
      { numRuns: 2000 },
    );
  });

  it("property: never throws and never echoes the input", () => {
    const tokenLike = fc.tuple(fc.constantFrom(...prefixes), fc.string({ unit: "grapheme", maxLength: 100 })).map(([p, s]) => p + s);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), tokenLike), (raw) => {
        const result = classifyToken(raw);
        const trimmed = raw.trim();
        if (!result.ok && trimmed.length >= 8) {
          assert.ok(!result.message.includes(trimmed));
          assert.ok(!result.message.includes(trimmed.replace(/\s+/g, "")));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
