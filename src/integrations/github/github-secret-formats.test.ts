import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { checkNotASecret } from "../../core/text/check-not-a-secret.ts";
import { generateTestToken } from "../../../test/support/github-tokens.ts";
import { createIntegrationRegistry } from "../integration.ts";
import { createGithubIntegration } from "./github-integration.ts";

const registry = createIntegrationRegistry([createGithubIntegration({ client: {} as never })]);

const refusal = (value: string, field = "name"): unknown => {
  try {
    checkNotASecret(value, field, registry);
    return null;
  } catch (error) {
    return error;
  }
};

describe("checkNotASecret with GitHub registered", () => {
  it("refuses a checksum-valid GitHub token, a private key or an API token, naming the field and not echoing the value", () => {
    const token = generateTestToken("ghp_");
    for (const value of [
      token,
      ` ${generateTestToken("github_pat_")} `,
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn…",
      "rlk_0123456789abcdef_secretpart",
    ]) {
      const error = refusal(value, "username");
      assert.ok(error instanceof AppError, JSON.stringify(value).slice(0, 30));
      assert.deepEqual([error.code, error.details?.field], ["SECRET_IN_WRONG_FIELD", "username"]);
      assert.ok(!error.message.includes(value.trim()));
    }
  });

  it("lets names through, including token-shaped ones whose checksum fails", () => {
    const token = generateTestToken("ghp_");
    const broken = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const value of ["release-bot", "octocat", "ghp_release", broken, "github_pat_notes"]) assert.equal(refusal(value), null, value);
  });
});
