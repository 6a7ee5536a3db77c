import type { FakeToken } from "./state.ts";

// GitHub's format for GitHub-Authentication-Token-Expiration, e.g. "2026-12-31 23:59:59 UTC".
const expirationHeader = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

/**
 * The headers GitHub puts on every authenticated answer, REST and GraphQL alike:
 * `X-OAuth-Scopes` for a classic token (absent for fine-grained ones) and
 * `GitHub-Authentication-Token-Expiration` for a token that expires.
 */
export function tokenHeaders(token: FakeToken): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!token.fineGrained) headers["x-oauth-scopes"] = token.scopes.join(", ");
  if (token.expiresAt) headers["github-authentication-token-expiration"] = expirationHeader(token.expiresAt);
  return headers;
}
