import { UpstreamError } from "../../core/errors.ts";
import type { TokenInspection } from "./github-client.ts";

/** A token check's answer when GitHub did not say "valid". */
export type FailedTokenInspection = Exclude<TokenInspection, { outcome: "valid" }>;

/**
 * What a failed GitHub request says about its token — revoked (a 401, never retried), SAML
 * single sign-on, rate limit or unreachable — whichever API (REST or GraphQL) it went to;
 * null when the failure says nothing about the token.
 * @example tokenInspectionOfError(new UpstreamError("GITHUB_TOKEN_REVOKED", "…")) // { outcome: "revoked" }
 */
export function tokenInspectionOfError(error: unknown): FailedTokenInspection | null {
  if (!(error instanceof UpstreamError)) return null;
  const detail = (key: string) => (typeof error.details?.[key] === "string" ? (error.details[key] as string) : null);
  switch (error.code) {
    case "GITHUB_TOKEN_REVOKED":
      return { outcome: "revoked" };
    case "GITHUB_SSO_REQUIRED":
      return { outcome: "sso-required", ssoUrl: detail("ssoUrl") };
    case "GITHUB_RATE_LIMITED":
      return { outcome: "rate-limited", resetAt: detail("resetAt") };
    case "GITHUB_UNREACHABLE":
      return { outcome: "unreachable", reason: error.message };
    default:
      return null;
  }
}
