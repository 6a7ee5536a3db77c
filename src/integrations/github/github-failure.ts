import { AppError } from "../../core/errors.ts";
import { describeAcceptedPermissions } from "./describe-accepted-permissions.ts";

/** Why a GitHub request failed, in the terms Repolink reports; never holds the token. */
export type GithubFailure =
  | { kind: "revoked" }
  | { kind: "sso-required"; ssoUrl: string | null }
  | { kind: "rate-limited"; resetAt: string | null }
  | { kind: "not-found" }
  | { kind: "forbidden"; status: number; requestId: string | null; needs: string | null }
  | { kind: "policy-refused"; org: string | null; maxLifetimeDays: number | null }
  | { kind: "unreachable"; reason: string }
  | { kind: "unexpected"; status: number; requestId: string | null };

interface RequestErrorLike {
  status: number;
  message: string;
  cause?: unknown;
  response?: { headers: Record<string, string | undefined> };
}

const isRequestErrorLike = (error: unknown): error is RequestErrorLike =>
  typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number";

function resetAt(headers: Record<string, string | undefined>): string | null {
  const reset = Number(headers["x-ratelimit-reset"]);
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000).toISOString();
  const retryAfter = Number(headers["retry-after"]);
  return Number.isFinite(retryAfter) ? new Date(Date.now() + retryAfter * 1000).toISOString() : null;
}

/**
 * Turns an error from Octokit into a `GithubFailure`. `secret` is scrubbed from any text
 * kept. An `AppError` raised by the injected fetch (e.g. an address refused) is rethrown.
 */
export function toGithubFailure(error: unknown, secret: string): GithubFailure {
  const scrub = (text: string) => (secret.length >= 4 ? text.split(secret).join("[REDACTED]") : text).slice(0, 200);
  if (error instanceof AppError) throw error;
  if (!isRequestErrorLike(error)) return { kind: "unreachable", reason: scrub(error instanceof Error ? error.message : "unknown error") };
  const headers = error.response?.headers ?? {};
  const requestId = headers["x-github-request-id"] ?? null;
  if (error.response === undefined) {
    if (error.cause instanceof AppError) throw error.cause;
    return { kind: "unreachable", reason: scrub(error.message || "no response") };
  }
  const sso = /^required;\s*url=(\S+)/i.exec(headers["x-github-sso"] ?? "");
  switch (true) {
    case error.status === 401:
      return { kind: "revoked" };
    case error.status === 403 && sso !== null:
      return { kind: "sso-required", ssoUrl: sso?.[1] ?? null };
    case error.status === 429 ||
      (error.status === 403 && (headers["x-ratelimit-remaining"] === "0" || /\bsecondary rate\b/i.test(error.message))):
      return { kind: "rate-limited", resetAt: resetAt(headers) };
    case error.status === 403 && /forbids access via a fine-grained personal access token/i.test(error.message): {
      // GitHub's wording: "The 'ORG' organization forbids access via a fine-grained personal access tokens
      // [if the token's lifetime is greater than N days]".
      const org = /The '([^']+)' organization|`([^`]+)`/.exec(error.message);
      const days = /lifetime is greater than (\d+) days/.exec(error.message);
      return { kind: "policy-refused", org: org?.[1] ?? org?.[2] ?? null, maxLifetimeDays: days ? Number(days[1]) : null };
    }
    case error.status === 403:
      return { kind: "forbidden", status: 403, requestId, needs: describeAcceptedPermissions(headers["x-accepted-github-permissions"]) };
    case error.status === 404:
      return { kind: "not-found" };
    default:
      return { kind: "unexpected", status: error.status, requestId };
  }
}
