import type { RateLimit } from "../../core/health/rate-budget.ts";
import type { Secret } from "../../core/secret.ts";

/** Where and how to reach one GitHub (github.com or an Enterprise Server). */
export interface GithubApiTarget {
  /** REST API root, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  apiUrl: string;
  /** Extra PEM certificates to trust for this host. */
  caBundle?: string;
  /** Whether loopback/private addresses may be contacted for this host. */
  allowPrivateNetwork: boolean;
  /** GraphQL endpoint, e.g. `https://api.github.com/graphql`; derived from `apiUrl` when absent. */
  graphqlUrl?: string;
}

/** GitHub's rate-limit budget for the token, from `X-RateLimit-*` headers. */
export type GithubRateLimit = RateLimit;

/**
 * What GitHub said about a token on `GET /user` (or a GraphQL query's `viewer`);
 * failures a user can act on are outcomes, not exceptions.
 */
export type TokenInspection =
  | {
      outcome: "valid";
      login: string;
      userId: number;
      /** OAuth scopes from `X-OAuth-Scopes`; `null` when GitHub sends none (fine-grained and App tokens). */
      scopes: string[] | null;
      /** ISO 8601 expiry from `GitHub-Authentication-Token-Expiration`; `null` when none. */
      expiresAt: string | null;
      rateLimit: GithubRateLimit | null;
    }
  | { outcome: "revoked" }
  | { outcome: "sso-required"; ssoUrl: string | null }
  | { outcome: "rate-limited"; resetAt: string | null }
  | { outcome: "unreachable"; reason: string };

/** The caller's permissions on a repository, as GitHub reports them. */
export interface RepositoryPermissions {
  admin: boolean;
  maintain: boolean;
  push: boolean;
  triage: boolean;
  pull: boolean;
}

/** The facts Repolink needs about one repository. */
export interface RepositoryInfo {
  /** GitHub's id for the repository (`id` in REST, `databaseId` in GraphQL), as text; it stays the same across renames. */
  id: string | null;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  archived: boolean;
  defaultBranch: string;
  cloneUrl: string;
  sshUrl: string;
  htmlUrl: string;
  /** `null` when GitHub did not say (e.g. anonymous access). */
  permissions: RepositoryPermissions | null;
}

/** One repository of a GraphQL batch: its facts, or why GitHub showed nothing. */
export type RepositoryBatchEntry =
  { outcome: "found"; info: RepositoryInfo } | { outcome: "not-found" } | { outcome: "sso-required"; ssoUrl: string | null };

/** A GraphQL batch's answer: one entry per requested repository, in order, and what it cost. */
export interface RepositoryBatchResult {
  entries: RepositoryBatchEntry[];
  /** GraphQL points the query cost (GitHub: 1 per query of up to 100 repositories). */
  cost: number;
  /** The GraphQL budget left after the query; GitHub keeps it apart from REST's. */
  rateLimit: GithubRateLimit | null;
  /**
   * The token check the query carried when asked for (`viewer: true`): login and id from
   * `viewer`, scopes and expiry from the response's `X-OAuth-Scopes` and
   * `GitHub-Authentication-Token-Expiration` headers, as `GET /user` gives them.
   */
  viewer?: Extract<TokenInspection, { outcome: "valid" }>;
}

/** What else a GraphQL batch asks for. */
export interface RepositoryBatchOptions {
  /** Also ask who the token is (`viewer`), so the batch is the token check too. */
  viewer?: boolean;
}

/** A conditional `GET /repos/{owner}/{repo}`: unchanged since the ETag (a free 304), or fresh facts. */
export type ConditionalRepository =
  | { outcome: "not-modified"; rateLimit: GithubRateLimit | null }
  | { outcome: "found"; info: RepositoryInfo; etag: string | null; rateLimit: GithubRateLimit | null };

/** One branch of a repository. */
export interface GithubBranch {
  name: string;
  protected: boolean;
}

/**
 * The port to GitHub's REST API. Methods other than `inspectToken` throw `AppError`s:
 * `GITHUB_REPO_NOT_FOUND` (NotFoundError), and UpstreamErrors `GITHUB_TOKEN_REVOKED`,
 * `GITHUB_SSO_REQUIRED` (details.ssoUrl), `GITHUB_RATE_LIMITED` (details.resetAt),
 * `GITHUB_FORBIDDEN`, `GITHUB_UNREACHABLE`, `GITHUB_UNEXPECTED_RESPONSE`.
 */
export interface GithubClient {
  /** GET /user with the token; never retries 401. */
  inspectToken(host: GithubApiTarget, token: Secret): Promise<TokenInspection>;
  /** GET /repos/{owner}/{repo}. */
  getRepository(host: GithubApiTarget, token: Secret, owner: string, name: string): Promise<RepositoryInfo>;
  /** GET /repos/{owner}/{repo}/branches, every page. */
  listBranches(host: GithubApiTarget, token: Secret, owner: string, name: string): Promise<GithubBranch[]>;
  /** GET /user/repos, or the repositories of one organization or user when `owner` is given; every page. */
  listAccessibleRepositories(host: GithubApiTarget, token: Secret, owner?: string): Promise<RepositoryInfo[]>;
  /** GET /users/{login}: whether the account is a user or an organization; `null` when GitHub has none by that name. */
  getAccountType?(host: GithubApiTarget, token: Secret, login: string): Promise<"User" | "Organization" | null>;
  /**
   * The owners of the private repositories the token reaches, from one page of `GET /user/repos`
   * (a fine-grained token reaches one owner's, so one page names it).
   */
  privateRepositoryOwners?(host: GithubApiTarget, token: Secret): Promise<string[]>;
  /**
   * How many organizations with SAML single sign-on have not authorized the token yet: GitHub leaves their
   * repositories out of `GET /user/repos` and says so in `X-GitHub-SSO: partial-results; organizations=…`.
   * With the rate limit that request left, the latest one known.
   */
  ssoPendingOrganizations?(host: GithubApiTarget, token: Secret): Promise<{ organizations: number; rateLimit: GithubRateLimit | null }>;
  /** GET /installation/repositories with an installation token: what a GitHub App's installation reaches; every page. */
  listInstallationRepositories?(host: GithubApiTarget, token: Secret): Promise<RepositoryInfo[]>;
  /**
   * Up to 100 repositories in one GraphQL query (aliases): permission, default branch,
   * archived; with `viewer`, the token check too. A 401 is never retried.
   * @throws UpstreamError `GITHUB_GRAPHQL_UNAVAILABLE` when the host serves no GraphQL, and the codes above
   */
  getRepositoriesBatch?(
    host: GithubApiTarget,
    token: Secret,
    repos: { owner: string; name: string }[],
    options?: RepositoryBatchOptions,
  ): Promise<RepositoryBatchResult>;
  /** GET /repos/{owner}/{repo} with `If-None-Match`; a 304 does not count against the rate limit. */
  getRepositoryIfChanged?(
    host: GithubApiTarget,
    token: Secret,
    owner: string,
    name: string,
    etag: string | null,
  ): Promise<ConditionalRepository>;
}
