import { parseTokenExpiration } from "./parse-token-expiration.ts";
import type { GithubRateLimit, TokenInspection } from "./github-client.ts";

type Headers = Record<string, string | number | undefined>;

function rateLimit(headers: Headers): GithubRateLimit | null {
  const limit = Number(headers["x-ratelimit-limit"]);
  const remaining = Number(headers["x-ratelimit-remaining"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (![limit, remaining, reset].every((n) => Number.isFinite(n)) || headers["x-ratelimit-limit"] === undefined) return null;
  return { limit, remaining, resetAt: new Date(reset * 1000).toISOString() };
}

/** Builds the `valid` inspection from `GET /user`'s body (or GraphQL's `viewer`) and the response headers. */
export function readTokenInspection(
  data: { login: string; id: number | bigint },
  headers: Headers,
): Extract<TokenInspection, { outcome: "valid" }> {
  const scopesHeader = headers["x-oauth-scopes"];
  // No X-OAuth-Scopes at all means a token without OAuth scopes (fine-grained, GitHub App).
  const scopes =
    scopesHeader === undefined
      ? null
      : String(scopesHeader)
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
  const expiration = headers["github-authentication-token-expiration"];
  return {
    outcome: "valid",
    login: data.login,
    userId: Number(data.id),
    scopes,
    expiresAt: parseTokenExpiration(expiration === undefined ? null : String(expiration)),
    rateLimit: rateLimit(headers),
  };
}
