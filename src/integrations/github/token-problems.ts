import type { TokenInspection } from "./github-client.ts";
import type { TokenClassification } from "./github-token-formats.ts";

/** One thing wrong (or about to go wrong) with a token, with what to do about it. */
export interface TokenReportProblem {
  code: string;
  severity: "error" | "warning";
  message: string;
  remedy: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Scopes Repolink never needs whose leak would do harm beyond the repositories. */
export const excessiveScopes = [
  "delete_repo",
  "admin:org",
  "admin:enterprise",
  "admin:repo_hook",
  "admin:org_hook",
  "admin:public_key",
  "admin:gpg_key",
  "site_admin",
] as const;

const COPY_AGAIN =
  "Copy the token again from GitHub (all of it: GitHub shows it once, right after Generate token) and update the credential.";
const TOKENS_PAGE = "Settings → Developer settings → Personal access tokens";
const NEW_TOKEN = `Create a new token on GitHub (${TOKENS_PAGE}) and update the credential with it.`;

function onlineProblems(inspection: TokenInspection, unknownType: boolean, now: Date): TokenReportProblem[] {
  switch (inspection.outcome) {
    case "revoked":
      return [
        {
          code: "GITHUB_TOKEN_REVOKED",
          severity: "error",
          message: "GitHub rejected the token (Bad credentials): it was revoked, has expired or never existed.",
          remedy: unknownType ? `GitHub does not accept account passwords here. ${NEW_TOKEN}` : NEW_TOKEN,
        },
      ];
    case "sso-required":
      return [
        {
          code: "GITHUB_SSO_REQUIRED",
          severity: "error",
          message: "The token works, but it is not yet authorized for the organization's SAML single sign-on.",
          remedy: inspection.ssoUrl
            ? `Open ${inspection.ssoUrl} to authorize the token for single sign-on, then check again.`
            : "On GitHub, open Settings → Developer settings → Personal access tokens, " +
              "choose Configure SSO next to the token and authorize the organization, then check again.",
        },
      ];
    case "rate-limited":
      return [
        {
          code: "GITHUB_RATE_LIMITED",
          severity: "warning",
          message: "GitHub's rate limit was reached, so the token could not be checked.",
          remedy: inspection.resetAt ? `Check again after ${inspection.resetAt}.` : "Check again in a few minutes.",
        },
      ];
    case "unreachable":
      return [
        {
          code: "GITHUB_UNREACHABLE",
          severity: "warning",
          message: `GitHub could not be reached, so the token could not be checked (${inspection.reason}).`,
          remedy: "Check the host's API URL, the network and, for GitHub Enterprise Server, the CA bundle; then check again.",
        },
      ];
  }
  const problems: TokenReportProblem[] = [];
  const { scopes, expiresAt } = inspection;
  // `null` scopes: fine-grained or App token; repository access is checked per repository.
  if (scopes !== null && !scopes.includes("repo")) {
    problems.push({
      code: "GITHUB_TOKEN_SCOPE_MISSING",
      severity: "error",
      message: scopes.includes("public_repo")
        ? "The token lacks the `repo` scope: it can reach public repositories only."
        : "The token lacks the `repo` scope, so it cannot reach private repositories or push.",
      remedy:
        "On GitHub, edit the token (Settings → Developer settings → Personal access tokens) " +
        "and select the `repo` scope (the first box under Select scopes), then update the credential.",
    });
  }
  const extra = (scopes ?? []).filter((s) => (excessiveScopes as readonly string[]).includes(s));
  if (extra.length > 0) {
    problems.push({
      code: "GITHUB_TOKEN_SCOPE_EXCESSIVE",
      severity: "warning",
      message:
        `The token has scopes Repolink never needs: ${extra.join(", ")}. ` +
        `If it leaked, they would allow much more than repository access.`,
      remedy: `On GitHub, edit the token and clear ${extra.join(", ")}; Repolink needs only \`repo\`.`,
    });
  }
  const expiresMs = expiresAt === null ? NaN : Date.parse(expiresAt);
  if (expiresMs <= now.getTime()) {
    problems.push({
      code: "GITHUB_TOKEN_EXPIRED",
      severity: "error",
      message: `The token expired on ${expiresAt}.`,
      remedy: "On GitHub, regenerate the token (Settings → Developer settings → Personal access tokens), then update the credential.",
    });
  } else if (expiresMs - now.getTime() <= 7 * DAY_MS) {
    problems.push({
      code: "GITHUB_TOKEN_EXPIRING",
      severity: "warning",
      message: `The token expires on ${expiresAt}.`,
      remedy: "On GitHub, regenerate the token before then and update the credential; repositories using it keep working.",
    });
  }
  return problems;
}

/** The problems `assessToken` reports, offline ones first. */
export function tokenProblems(classification: TokenClassification, inspection: TokenInspection | null, now: Date): TokenReportProblem[] {
  if (!classification.ok) {
    return [{ code: classification.code, severity: "error", message: classification.message, remedy: COPY_AGAIN }];
  }
  const unknownType = classification.type === "unknown";
  const problems = inspection === null ? [] : onlineProblems(inspection, unknownType, now);
  if (unknownType && inspection?.outcome !== "valid") {
    problems.unshift({
      code: "GITHUB_TOKEN_TYPE_UNKNOWN",
      severity: "warning",
      message:
        classification.unknownFormat === "legacy-40-hex"
          ? "This looks like an older GitHub Enterprise Server token without a type prefix."
          : "This does not look like a GitHub token; GitHub does not accept account passwords for Git over HTTPS.",
      remedy: `Create a personal access token with the \`repo\` scope (${TOKENS_PAGE}) and use it as the password.`,
    });
  }
  return problems;
}
