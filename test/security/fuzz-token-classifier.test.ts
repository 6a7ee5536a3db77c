import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { classifyToken } from "../../src/integrations/github/classify-token.ts";
import { generateTestToken } from "../support/github-tokens.ts";

// classify-token.test.ts already checks: every prefix, single-character changes (2,000), never
// throwing or echoing (2,000). Missing until now: look-alike Unicode characters and invisible
// characters pasted into a real token, idempotence of the normalised form, and that whatever is
// accepted as a GitHub token is plain ASCII that cannot carry a header or line break.

const PREFIXES = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"] as const;
// Cyrillic/Greek/full-width look-alikes, zero-width and bidi characters, non-breaking spaces.
const CONFUSABLES = [
  "\u0440",
  "\u0430",
  "\u043e",
  "\u0435",
  "\u0455",
  "\u03bf",
  "\uff47",
  "\uff48",
  "\uff50",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u202e",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u0131",
  "\u017f",
];

describe("token classifier fuzzing beyond the unit tests", () => {
  const confusedToken = (prefixes: readonly (typeof PREFIXES)[number][], counter: { runs: number }) =>
    fc.property(fc.constantFrom(...prefixes), fc.constantFrom(...CONFUSABLES), fc.nat(), fc.boolean(), (prefix, char, at, substitute) => {
      counter.runs++;
      const token = generateTestToken(prefix);
      const i = at % token.length;
      const changed = substitute ? token.slice(0, i) + char + token.slice(i + 1) : token.slice(0, i) + char + token.slice(i);
      const result = classifyToken(changed);
      // A leading/trailing U+00A0/U+FEFF may be trimmed like a space; then it must come back exactly as the real token.
      if (result.ok) assert.equal(result.normalized, token, `${JSON.stringify(changed)} accepted as ${result.type}`);
    });

  it("refuses a ghp_/gho_/ghu_/ghs_/ghr_ token with a look-alike or invisible character inserted or substituted anywhere", (t) => {
    const counter = { runs: 0 };
    fc.assert(confusedToken(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], counter), { numRuns: 2000 });
    t.diagnostic(`inputs: ${counter.runs}`);
  });

  it("refuses a github_pat_ token with a look-alike or invisible character inserted or substituted anywhere", (t) => {
    const counter = { runs: 0 };
    try {
      fc.assert(confusedToken(["github_pat_"], counter), { numRuns: 1000 });
    } finally {
      t.diagnostic(`inputs: ${counter.runs}`);
    }
  });

  it("is idempotent: the normalised form classifies to itself, and accepted GitHub tokens are header-safe ASCII", (t) => {
    let runs = 0;
    const tokenish = fc.oneof(
      fc.constantFrom(...PREFIXES).map((p) => generateTestToken(p)),
      fc
        .tuple(
          fc.constantFrom("", " ", "\n", "Bearer ", "token ", "\t"),
          fc.constantFrom(...PREFIXES),
          fc.constantFrom("", " ", "\r\n", "\n"),
        )
        .map(([before, p, afterText]) => `${before}${generateTestToken(p)}${afterText}`),
      fc.string({ unit: "grapheme", maxLength: 120 }),
      fc.string({ unit: "binary", maxLength: 120 }),
    );
    fc.assert(
      fc.property(tokenish, (raw) => {
        runs++;
        const first = classifyToken(raw);
        if (!first.ok) return;
        const again = classifyToken(first.normalized);
        assert.ok(again.ok, JSON.stringify(raw));
        assert.equal(again.normalized, first.normalized);
        assert.equal(again.type, first.type);
        if (first.type !== "unknown") assert.match(first.normalized, /^[A-Za-z0-9_]+$/, "a GitHub token is [A-Za-z0-9_] only");
        assert.ok(!/[\r\n]/.test(first.normalized) && !first.normalized.includes("\u0000"), "no line break or NUL survives normalisation");
      }),
      { numRuns: 3000 },
    );
    t.diagnostic(`inputs: ${runs}`);
  });
});
