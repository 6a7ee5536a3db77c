import { AppError, InputError, UpstreamError } from "../../core/errors.ts";
import type {
  ConditionalRepository,
  GithubApiTarget,
  GithubBranch,
  GithubClient,
  GithubRateLimit,
  RepositoryBatchOptions,
  RepositoryBatchResult,
  RepositoryInfo,
  TokenInspection,
} from "./github-client.ts";
import { tokenInspectionOfError } from "./token-inspection-of-error.ts";
import type { Secret } from "../../core/secret.ts";
import { createGithubOctokit, type GithubOctokitInstance } from "./create-github-octokit.ts";
import { toGithubFailure } from "./github-failure.ts";
import { githubFailureError } from "./github-failure-error.ts";
import { readTokenInspection } from "./read-token-inspection.ts";
import { toRepositoryInfo } from "./to-repository-info.ts";
import { paginateGithub } from "./paginate-github.ts";
import { graphqlUrlFor, queryRepositoryBatch } from "./graphql-repository-batch.ts";
import { rateLimitOf, requestRepositoryIfChanged } from "./conditional-repository.ts";
import { countSsoPendingOrganizations } from "./sso-pending.ts";

/** Options of `OctokitGithubClient`; tests shorten the delays. */
export interface OctokitGithubClientOptions {
  /** The fetch every request goes through (later: an SSRF-safe one). */
  fetch?: typeof fetch;
  /** A fetch per host, e.g. one that trusts the host's CA bundle; wins over `fetch`. */
  fetchFor?: (target: GithubApiTarget) => typeof fetch;
  userAgent?: string;
  retryLimit?: number;
  retryBaseDelayMs?: number;
  rateLimitRetryCapSeconds?: number;
  /** Deadline for one call, retries included. */
  timeoutMs?: number;
}

/** `GithubClient` over GitHub's REST API with Octokit, retry and throttling. */
export class OctokitGithubClient implements GithubClient {
  readonly #options: OctokitGithubClientOptions;

  constructor(options: OctokitGithubClientOptions = {}) {
    this.#options = options;
  }

  async #call<T>(
    target: GithubApiTarget,
    token: Secret,
    what: string,
    run: (octokit: GithubOctokitInstance, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const value = token.reveal();
    // A value fetch would refuse as a header could surface in its error message.
    if (!/^[\x21-\x7e]+$/.test(value))
      throw new InputError("GITHUB_TOKEN_UNUSABLE", "The token contains spaces or characters that cannot be sent to GitHub.", "token");
    const o = this.#options;
    const octokit = createGithubOctokit({
      baseUrl: target.apiUrl.replace(/\/+$/, ""),
      token: value,
      fetch: o.fetchFor?.(target) ?? o.fetch ?? globalThis.fetch,
      userAgent: o.userAgent ?? "repolink",
      retryLimit: o.retryLimit ?? 2,
      retryBaseDelayMs: o.retryBaseDelayMs ?? 1000,
      rateLimitRetryCapSeconds: o.rateLimitRetryCapSeconds ?? 60,
    });
    try {
      return await run(octokit, AbortSignal.timeout(o.timeoutMs ?? 30_000));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw githubFailureError(toGithubFailure(error, value), what);
    }
  }

  async inspectToken(target: GithubApiTarget, token: Secret): Promise<TokenInspection> {
    try {
      return await this.#call(target, token, "the token's user", async (octokit, signal) => {
        const response = await octokit.request("GET /user", { request: { signal } });
        if (response.status !== 200)
          throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", `GitHub answered GET /user with HTTP ${response.status}.`);
        return readTokenInspection(response.data, response.headers);
      });
    } catch (error) {
      const inspection = tokenInspectionOfError(error);
      if (inspection !== null) return inspection;
      // GitHub answered, but not with the user: a server error after the retries, a 403 that is neither
      // SSO nor a rate limit, a 404 (no API at this URL). The token could not be checked; a check
      // reports that as its finding instead of failing the request.
      if (error instanceof AppError && ["GITHUB_UNEXPECTED_RESPONSE", "GITHUB_FORBIDDEN", "GITHUB_REPO_NOT_FOUND"].includes(error.code)) {
        const status = error.code === "GITHUB_REPO_NOT_FOUND" ? 404 : error.details?.status;
        return {
          outcome: "unreachable",
          reason: typeof status === "number" ? `GitHub answered GET /user with HTTP ${status}` : error.message,
        };
      }
      throw error;
    }
  }

  getRepository(target: GithubApiTarget, token: Secret, owner: string, name: string): Promise<RepositoryInfo> {
    return this.#call(target, token, `repository ${owner}/${name}`, async (octokit, signal) => {
      const response = await octokit.request("GET /repos/{owner}/{repo}", { owner, repo: name, request: { signal } });
      if (response.status !== 200)
        throw new UpstreamError(
          "GITHUB_UNEXPECTED_RESPONSE",
          `GitHub answered for ${owner}/${name} with HTTP ${response.status} (moved?).`,
        );
      return toRepositoryInfo(response.data);
    });
  }

  listBranches(target: GithubApiTarget, token: Secret, owner: string, name: string): Promise<GithubBranch[]> {
    return this.#call(target, token, `repository ${owner}/${name}`, async (octokit, signal) => {
      const items = await paginateGithub(
        octokit,
        target.apiUrl,
        `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/branches`,
        signal,
      );
      return items.map((b) => {
        const branch = b as { name?: unknown; protected?: unknown };
        if (typeof branch.name !== "string")
          throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub returned a branch without a name.");
        return { name: branch.name, protected: branch.protected === true };
      });
    });
  }

  listAccessibleRepositories(target: GithubApiTarget, token: Secret, owner?: string): Promise<RepositoryInfo[]> {
    return this.#call(target, token, owner ? `repositories of ${owner}` : "the token's repositories", async (octokit, signal) => {
      if (owner === undefined) return (await paginateGithub(octokit, target.apiUrl, "/user/repos", signal)).map(toRepositoryInfo);
      try {
        return (await paginateGithub(octokit, target.apiUrl, `/orgs/${encodeURIComponent(owner)}/repos`, signal)).map(toRepositoryInfo);
      } catch (error) {
        if ((error as { status?: unknown }).status !== 404) throw error;
        // Not an organization: the user's repositories this token reaches, private ones included.
        const all = await paginateGithub(octokit, target.apiUrl, "/user/repos?affiliation=owner,collaborator", signal);
        return all.map(toRepositoryInfo).filter((r) => r.owner.toLowerCase() === owner.toLowerCase());
      }
    });
  }

  async getAccountType(target: GithubApiTarget, token: Secret, login: string): Promise<"User" | "Organization" | null> {
    try {
      return await this.#call(target, token, `account ${login}`, async (octokit, signal) => {
        const { data } = await octokit.request("GET /users/{username}", { username: login, request: { signal } });
        return data.type === "Organization" ? "Organization" : "User";
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "GITHUB_REPO_NOT_FOUND") return null;
      throw error;
    }
  }

  privateRepositoryOwners(target: GithubApiTarget, token: Secret): Promise<string[]> {
    return this.#call(target, token, "the token's private repositories", async (octokit, signal) => {
      const { data } = await octokit.request("GET /user/repos", { visibility: "private", per_page: 100, request: { signal } });
      return [...new Set(data.map((r) => r.owner.login))];
    });
  }

  ssoPendingOrganizations(target: GithubApiTarget, token: Secret): Promise<{ organizations: number; rateLimit: GithubRateLimit | null }> {
    return this.#call(target, token, "the token's single sign-on", async (octokit, signal) => {
      const { headers } = await octokit.request("GET /user/repos", { per_page: 1, request: { signal } });
      return { organizations: countSsoPendingOrganizations(headers["x-github-sso"]), rateLimit: rateLimitOf(headers) };
    });
  }

  listInstallationRepositories(target: GithubApiTarget, token: Secret): Promise<RepositoryInfo[]> {
    return this.#call(target, token, "the installation's repositories", async (octokit, signal) => {
      const all: RepositoryInfo[] = [];
      for (let page = 1; ; page++) {
        const { data } = await octokit.request("GET /installation/repositories", { per_page: 100, page, request: { signal } });
        all.push(...data.repositories.map((r) => toRepositoryInfo(r as Parameters<typeof toRepositoryInfo>[0])));
        if (data.repositories.length < 100 || all.length >= data.total_count) return all;
      }
    });
  }

  getRepositoriesBatch(
    target: GithubApiTarget,
    token: Secret,
    repos: { owner: string; name: string }[],
    options: RepositoryBatchOptions = {},
  ): Promise<RepositoryBatchResult> {
    const o = this.#options;
    return queryRepositoryBatch(
      {
        fetch: o.fetchFor?.(target) ?? o.fetch ?? globalThis.fetch,
        url: target.graphqlUrl ?? graphqlUrlFor(target.apiUrl),
        token: token.reveal(),
        userAgent: o.userAgent ?? "repolink",
        timeoutMs: o.timeoutMs ?? 30_000,
        retryLimit: o.retryLimit ?? 2,
        retryBaseDelayMs: o.retryBaseDelayMs ?? 1000,
        retryAfterCapSeconds: o.rateLimitRetryCapSeconds ?? 60,
      },
      repos,
      options,
    );
  }

  getRepositoryIfChanged(
    target: GithubApiTarget,
    token: Secret,
    owner: string,
    name: string,
    etag: string | null,
  ): Promise<ConditionalRepository> {
    return this.#call(target, token, `repository ${owner}/${name}`, (octokit, signal) =>
      requestRepositoryIfChanged(octokit, owner, name, etag, signal),
    );
  }
}
