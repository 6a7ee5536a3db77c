import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasUnsafeCharacters } from "./has-unsafe-characters.ts";

describe("hasUnsafeCharacters", () => {
  it("finds C0 and C1 controls, DEL, bidi overrides and isolates, and lone surrogates", () => {
    for (const text of ["a\nb", "a\u001bb", "a\u007f", "a\u009b", "report\u202etxt.exe", "a\u2066b", "a\ud800", "\udc00a"]) {
      assert.equal(hasUnsafeCharacters(text), true, JSON.stringify(text));
    }
  });

  it("lets ordinary text through, accents and emoji included", () => {
    for (const text of ["release-bot", "Zoë's token", "ci 🚀 runner", "東京"]) assert.equal(hasUnsafeCharacters(text), false, text);
  });
});
