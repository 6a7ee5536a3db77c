import { UpstreamError } from "../../core/errors.ts";
import type { ConditionalRepository, GithubRateLimit } from "./github-client.ts";
import type { GithubOctokitInstance } from "./create-github-octokit.ts";
import { toRepositoryInfo } from "./to-repository-info.ts";

/** The `X-RateLimit-*` budget of a response, or null when GitHub sent none. */
export function rateLimitOf(headers: Record<string, unknown>): GithubRateLimit | null {
  const [limit, remaining, reset] = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"].map((h) =>
    headers[h] === undefined ? NaN : Number(headers[h]),
  );
  if (![limit, remaining, reset].every((n) => Number.isFinite(n))) return null;
  return { limit: limit!, remaining: remaining!, resetAt: new Date(reset! * 1000).toISOString() };
}

/**
 * `GET /repos/{owner}/{repo}` with `If-None-Match: etag`: GitHub answers 304, free of rate
 * limit, when nothing changed for this token.
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export async function requestRepositoryIfChanged(
  octokit: GithubOctokitInstance,
  owner: string,
  name: string,
  etag: string | null,
  signal: AbortSignal,
): Promise<ConditionalRepository> {
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}", {
      owner,
      repo: name,
      headers: etag ? { "if-none-match": etag } : {},
      request: { signal },
    });
    if (response.status !== 200)
      throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", `GitHub answered for ${owner}/${name} with HTTP ${response.status} (moved?).`);
    const headers = response.headers as Record<string, unknown>;
    return {
      outcome: "found",
      info: toRepositoryInfo(response.data),
      etag: typeof headers.etag === "string" ? headers.etag : null,
      rateLimit: rateLimitOf(headers),
    };
  } catch (error) {
    const failed = error as { status?: unknown; response?: { headers?: Record<string, unknown> } };
    if (failed.status === 304) return { outcome: "not-modified", rateLimit: rateLimitOf(failed.response?.headers ?? {}) };
    throw error;
  }
}
