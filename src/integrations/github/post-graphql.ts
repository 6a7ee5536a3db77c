import { AppError, InputError, UpstreamError } from "../../core/errors.ts";

/** How `postGraphql` reaches GitHub; tests shorten the delays. */
export interface GraphqlPostOptions {
  /** The guarded fetch of the host. */
  fetch: typeof fetch;
  url: string;
  token: string;
  userAgent: string;
  timeoutMs: number;
  /** Retries of a 5xx or a dropped connection. */
  retryLimit: number;
  retryBaseDelayMs: number;
  /** Longest `retry-after`, in seconds, worth waiting once for; longer limits fail at once. */
  retryAfterCapSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitSeconds(headers: Headers): number | null {
  const retryAfter = Number(headers.get("retry-after"));
  if (headers.get("retry-after") !== null && Number.isFinite(retryAfter)) return retryAfter;
  const reset = Number(headers.get("x-ratelimit-reset"));
  return headers.get("x-ratelimit-remaining") === "0" && Number.isFinite(reset) ? Math.max(reset - Date.now() / 1000, 0) : null;
}

/**
 * POSTs one GraphQL document. Octokit's throttling spaces every POST (GraphQL included) a
 * second apart across the whole process; GitHub asks that only of mutations, and counts
 * queries against its 2,000 points-per-minute secondary limit instead, so queries go here,
 * concurrency capped by the caller. A 403/429 with `retry-after` is waited out once when short.
 * https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits
 * @throws UpstreamError `GITHUB_TOKEN_REVOKED`, `GITHUB_SSO_REQUIRED`, `GITHUB_RATE_LIMITED`,
 * `GITHUB_GRAPHQL_UNAVAILABLE`, `GITHUB_UNREACHABLE`, `GITHUB_UNEXPECTED_RESPONSE`
 */
export async function postGraphql(o: GraphqlPostOptions, body: unknown): Promise<{ data: unknown; headers: Record<string, string> }> {
  if (!/^[\x21-\x7e]+$/.test(o.token))
    throw new InputError("GITHUB_TOKEN_UNUSABLE", "The token contains spaces or characters that cannot be sent to GitHub.", "token");
  const headers = {
    authorization: `bearer ${o.token}`,
    "user-agent": o.userAgent,
    "content-type": "application/json",
    accept: "application/json",
  };
  const signal = AbortSignal.timeout(o.timeoutMs);
  for (let attempt = 0, waited = false; ; attempt++) {
    let response: Response;
    try {
      response = await o.fetch(o.url, { method: "POST", headers, body: JSON.stringify(body), signal, redirect: "manual" });
    } catch (error) {
      // A refused address or redirect is final; a broken connection (the guarded fetch's
      // HOST_UNREACHABLE, or a plain fetch's TypeError) is retried, then reported as GitHub unreachable.
      if (error instanceof AppError && error.code !== "HOST_UNREACHABLE") throw error;
      if (attempt < o.retryLimit && !signal.aborted) {
        await sleep(o.retryBaseDelayMs * 2 ** attempt);
        continue;
      }
      throw new UpstreamError("GITHUB_UNREACHABLE", "GitHub's GraphQL API could not be reached.");
    }
    if (response.status === 200) return { data: await response.json(), headers: Object.fromEntries(response.headers) };
    await response.body?.cancel();
    const wait = waitSeconds(response.headers);
    if (response.status === 401)
      throw new UpstreamError(
        "GITHUB_TOKEN_REVOKED",
        "GitHub rejected the token (Bad credentials): it was revoked, has expired or never existed.",
      );
    const sso = /^required;\s*url=(\S+)/i.exec(response.headers.get("x-github-sso") ?? "");
    if (response.status === 403 && sso)
      throw new UpstreamError("GITHUB_SSO_REQUIRED", "The token is not authorized for the organization's SAML single sign-on.", {
        details: { ssoUrl: sso[1] ?? null },
      });
    if ((response.status === 403 || response.status === 429) && wait !== null) {
      if (!waited && wait <= o.retryAfterCapSeconds) {
        waited = true;
        await sleep(wait * 1000);
        continue;
      }
      throw new UpstreamError("GITHUB_RATE_LIMITED", "GitHub's rate limit for this token was reached.", {
        details: { resetAt: new Date(Date.now() + wait * 1000).toISOString() },
      });
    }
    if (response.status === 404) throw new UpstreamError("GITHUB_GRAPHQL_UNAVAILABLE", "This GitHub host serves no GraphQL API.");
    if (response.status >= 500 && attempt < o.retryLimit) {
      await sleep(o.retryBaseDelayMs * 2 ** attempt);
      continue;
    }
    throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", `GitHub answered the GraphQL query with HTTP ${response.status}.`, {
      details: { status: response.status },
    });
  }
}
