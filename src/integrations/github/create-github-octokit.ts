import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

const GithubOctokit = Octokit.plugin(throttling, retry);

/** An Octokit with retry and throttling as Repolink configures them. */
export type GithubOctokitInstance = InstanceType<typeof GithubOctokit>;

/** How `createGithubOctokit` builds a client. */
export interface GithubOctokitOptions {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  userAgent: string;
  /** Retries of a 5xx or network failure (never 400/401/403/404/410/422/451). */
  retryLimit: number;
  retryBaseDelayMs: number;
  /** Longest wait, in seconds, worth one retry after a rate limit; longer limits fail at once. */
  rateLimitRetryCapSeconds: number;
}

/** Builds an Octokit for one call: token auth, custom fetch, no redirects, bounded retries. */
export function createGithubOctokit(o: GithubOctokitOptions): GithubOctokitInstance {
  // Retry a rate limit at most once, and only when the wait is short.
  const onLimit = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < 1 && retryAfter <= o.rateLimitRetryCapSeconds;
  return new GithubOctokit({
    baseUrl: o.baseUrl,
    auth: o.token,
    userAgent: o.userAgent,
    // Redirects are never followed: the token must not leave its host.
    request: { fetch: o.fetch, redirect: "manual" },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    retry: { retries: o.retryLimit, retryAfterBaseValue: o.retryBaseDelayMs, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit },
  });
}
