import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateTestToken } from "../../../test/support/github-tokens.ts";
import type { TokenInspection } from "./github-client.ts";
import { classifyToken } from "./classify-token.ts";
import { assessToken } from "./token-report.ts";

const now = new Date("2026-06-01T00:00:00Z");
const classic = classifyToken(generateTestToken());
const valid = (over: Partial<Extract<TokenInspection, { outcome: "valid" }>> = {}): TokenInspection => ({
  outcome: "valid",
  login: "octocat",
  userId: 1,
  scopes: ["repo", "workflow"],
  expiresAt: null,
  rateLimit: { limit: 5000, remaining: 4999, resetAt: "2026-06-01T01:00:00.000Z" },
  ...over,
});
const codes = (inspection: TokenInspection | null, classification = classic) =>
  assessToken(classification, inspection, now).problems.map((p) => `${p.severity}:${p.code}`);

describe("assessToken", () => {
  it("reports a healthy classic token as ok with its identity", () => {
    const report = assessToken(classic, valid(), now);
    assert.equal(report.status, "ok");
    assert.deepEqual(report.identity, { login: "octocat", userId: 1 });
    assert.deepEqual(report.scopes, ["repo", "workflow"]);
    assert.equal(report.rateLimit?.remaining, 4999);
  });

  it("names a missing repo scope with the guide step", () => {
    const report = assessToken(classic, valid({ scopes: ["read:user"] }), now);
    assert.equal(report.status, "error");
    assert.equal(report.problems[0]?.code, "GITHUB_TOKEN_SCOPE_MISSING");
    assert.match(report.problems[0]?.remedy ?? "", /select the `repo` scope/);
  });

  it("does not ask fine-grained tokens for scopes", () => {
    assert.deepEqual(codes(valid({ scopes: null }), classifyToken(generateTestToken("github_pat_"))), []);
  });

  it("warns about dangerous extra scopes but not workflow", () => {
    assert.deepEqual(codes(valid({ scopes: ["repo", "workflow", "delete_repo", "admin:org"] })), ["warning:GITHUB_TOKEN_SCOPE_EXCESSIVE"]);
  });

  it("reports expiry", () => {
    assert.deepEqual(codes(valid({ expiresAt: "2026-05-31T00:00:00.000Z" })), ["error:GITHUB_TOKEN_EXPIRED"]);
    assert.deepEqual(codes(valid({ expiresAt: "2026-06-05T00:00:00.000Z" })), ["warning:GITHUB_TOKEN_EXPIRING"]);
    assert.deepEqual(codes(valid({ expiresAt: "2026-07-05T00:00:00.000Z" })), []);
  });

  it("reports revocation, SSO, rate limit and unreachability", () => {
    assert.deepEqual(codes({ outcome: "revoked" }), ["error:GITHUB_TOKEN_REVOKED"]);
    const sso = assessToken(classic, { outcome: "sso-required", ssoUrl: "https://github.com/orgs/acme/sso?authorization_request=x" }, now);
    assert.equal(sso.ssoUrl, "https://github.com/orgs/acme/sso?authorization_request=x");
    assert.match(sso.problems[0]?.remedy ?? "", /orgs\/acme\/sso/);
    assert.deepEqual(codes({ outcome: "rate-limited", resetAt: null }), ["warning:GITHUB_RATE_LIMITED"]);
    assert.deepEqual(codes({ outcome: "unreachable", reason: "connection refused" }), ["warning:GITHUB_UNREACHABLE"]);
  });

  it("carries offline problems and flags unknown token types", () => {
    assert.deepEqual(codes(null, classifyToken("ghp_short")), ["error:TOKEN_TRUNCATED"]);
    assert.deepEqual(codes(null, classifyToken("hunter2hunter2")), ["warning:GITHUB_TOKEN_TYPE_UNKNOWN"]);
    assert.deepEqual(codes(valid(), classifyToken("0123456789abcdef0123456789abcdef01234567")), []);
  });
});
