import type { GithubRateLimit, TokenInspection } from "./github-client.ts";
import type { GithubTokenType, TokenClassification } from "./github-token-formats.ts";
import { tokenProblems, type TokenReportProblem } from "./token-problems.ts";

export type { TokenReportProblem };

/** Everything Repolink can tell a user about a token, offline and online. */
export interface TokenReport {
  status: "ok" | "warning" | "error";
  tokenType: GithubTokenType;
  problems: TokenReportProblem[];
  identity: { login: string; userId: number } | null;
  scopes: string[] | null;
  expiresAt: string | null;
  ssoUrl: string | null;
  rateLimit: GithubRateLimit | null;
}

/**
 * Combines the offline classification and GitHub's answer (`null` when not asked) into a
 * report: status, and problems with codes such as `GITHUB_TOKEN_SCOPE_MISSING`.
 */
export function assessToken(classification: TokenClassification, inspection: TokenInspection | null, now: Date = new Date()): TokenReport {
  const problems = tokenProblems(classification, inspection, now);
  const valid = inspection?.outcome === "valid" ? inspection : null;
  const status = problems.some((p) => p.severity === "error") ? "error" : problems.length > 0 ? "warning" : "ok";
  return {
    status,
    tokenType: classification.type,
    problems,
    identity: valid ? { login: valid.login, userId: valid.userId } : null,
    scopes: valid?.scopes ?? null,
    expiresAt: valid?.expiresAt ?? null,
    ssoUrl: inspection?.outcome === "sso-required" ? inspection.ssoUrl : null,
    rateLimit: valid?.rateLimit ?? null,
  };
}
