import assert from "node:assert/strict";
import { it } from "node:test";
import { generateTestToken } from "../../../test/support/github-tokens.ts";
import { previewToken } from "./preview-token.ts";

it("previewToken shows the prefix and the last 4 characters only", () => {
  const token = generateTestToken();
  assert.equal(previewToken(token), `ghp_…${token.slice(-4)}`);
  const fine = generateTestToken("github_pat_");
  assert.equal(previewToken(fine), `github_pat_…${fine.slice(-4)}`);
  assert.equal(previewToken("a-long-password-here"), "…here");
  assert.equal(previewToken("short"), "…");
  assert.equal(previewToken("ghp_abc"), "…");
});
