import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeForTerminal } from "./escape-for-terminal.ts";

describe("escapeForTerminal", () => {
  it("shows erase-line, title-change, carriage return and forged line breaks as visible escapes", () => {
    assert.equal(
      escapeForTerminal("eve\u001b[2K\u001b]0;owned\u0007\rroot\nlogin ok"),
      "eve\\x1b[2K\\x1b]0;owned\\x07\\x0droot\\x0alogin ok",
    );
  });

  it("shows bidi overrides, isolates, C1 controls and lone surrogates; leaves ordinary text and emoji alone", () => {
    assert.equal(escapeForTerminal("a\u202eb\u2066c\u009bd\ud800e\udc00f"), "a\\u202eb\\u2066c\\x9bd\\ud800e\\udc00f");
    assert.equal(escapeForTerminal("Zoë → acme/rocket 🚀"), "Zoë → acme/rocket 🚀");
  });

  it("keeps Repolink's own line breaks when asked, and only those", () => {
    assert.equal(escapeForTerminal("line one\nline\rtwo", { keepLineBreaks: true }), "line one\nline\\x0dtwo");
  });
});
