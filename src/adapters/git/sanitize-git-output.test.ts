import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SecretRedactor } from "../logging/secret-redactor.ts";
import { sanitizeGitOutput, stderrExcerpt } from "./sanitize-git-output.ts";

describe("sanitizeGitOutput (SECURITY 22)", () => {
  it("strips ANSI escapes, OSC sequences and other control characters, and turns CR into line breaks", () => {
    const hostile =
      "remote: \u001b[31mred\u001b[0m\rremote: \u001b]0;title\u0007ok\u001b]8;;http://x\u001b\\link\r\nbell\u0007\u0008 done\u009b2J";
    assert.equal(sanitizeGitOutput(hostile, new SecretRedactor()), "remote: red\nremote: oklink\nbell done");
  });

  it("redacts remembered secrets and Authorization headers", () => {
    const redactor = new SecretRedactor();
    redactor.remember("s3cr3t-token-value");
    const out = sanitizeGitOutput("fatal: s3cr3t-token-value\n> Authorization: Basic eDpzM2NyM3QtdG9rZW4tdmFsdWU=", redactor);
    assert.doesNotMatch(out, /s3cr3t|eDpz/);
  });

  it("keeps a short excerpt of the meaningful last lines", () => {
    const text = "Receiving objects: 100%\nremote: Repository not found.\nfatal: repository 'http://h/o/r/' not found\n";
    assert.equal(stderrExcerpt(text), "remote: Repository not found. | fatal: repository 'http://h/o/r/' not found");
    assert.ok(stderrExcerpt("x".repeat(1000)).length <= 301);
  });
});
