import type { CheckStep } from "../../core/repositories/connection-report.ts";
import type { TokenInspection } from "./github-client.ts";
import type { TokenReport } from "./token-report.ts";
import { tokenTypeLabels } from "./github-token-formats.ts";

/** The token step's outcome; `apiUsable` is false when GitHub's API could not be asked. */
export interface TokenStepResult {
  step: CheckStep;
  login: string | null;
  apiUsable: boolean;
}

/**
 * The token step from what is known about the token (`GET /user`, or the health cycle's
 * GraphQL batch with `viewer`; `inspection` is null when it was never sent): revoked,
 * expired, missing `repo` scope or SSO fail the step; expiring within 7 days is a warning
 * (`TOKEN_EXPIRING`).
 */
export function tokenStep(report: TokenReport, inspection: TokenInspection | null): TokenStepResult {
  const error = report.problems.find((p) => p.severity === "error");
  if (error)
    return {
      step: { name: "token", status: "failed", code: error.code, message: error.message, remedy: error.remedy },
      login: null,
      apiUsable: true,
    };
  if (inspection === null || inspection.outcome === "unreachable" || inspection.outcome === "rate-limited") {
    const problem = report.problems.find((p) => p.code === "GITHUB_UNREACHABLE" || p.code === "GITHUB_RATE_LIMITED");
    const message = problem?.message ?? "GitHub's API could not be asked about the token.";
    return {
      step: {
        name: "token",
        status: "warning",
        code: problem?.code ?? "GITHUB_UNREACHABLE",
        message,
        remedy: problem?.remedy ?? "Check again later.",
      },
      login: null,
      apiUsable: false,
    };
  }
  const login = report.identity?.login ?? null;
  const expiring = report.problems.find((p) => p.code === "GITHUB_TOKEN_EXPIRING");
  if (expiring)
    return {
      step: { name: "token", status: "warning", code: "TOKEN_EXPIRING", message: expiring.message, remedy: expiring.remedy },
      login,
      apiUsable: true,
    };
  const scopes = report.scopes === null ? "fine-grained permissions" : `scopes ${report.scopes.join(", ") || "(none)"}`;
  const notes = report.problems.map((p) => ` Note: ${p.message}`).join("");
  const what = report.tokenType === "unknown" ? "token" : tokenTypeLabels[report.tokenType];
  const expiry = report.expiresAt ? `, expires ${report.expiresAt.slice(0, 10)}` : "";
  return {
    step: {
      name: "token",
      status: "passed",
      code: null,
      message: `The ${what} is valid: signed in as ${login ?? "?"} with ${scopes}${expiry}.${notes}`,
      remedy: null,
    },
    login,
    apiUsable: true,
  };
}
