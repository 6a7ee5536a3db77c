import type { Credential } from "../../core/credentials/credential.ts";
import type { CoreDeps } from "../../core/deps.ts";
import { AppError, NotFoundError, UpstreamError } from "../../core/errors.ts";
import { githubApiTarget } from "./github-credential-checker.ts";
import type { Host } from "../../core/hosts/host.ts";
import { tokenInspectionOfError } from "./token-inspection-of-error.ts";
import type { RepositoryBatchEntry, RepositoryInfo, TokenInspection } from "./github-client.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import { runVisibilityStep, type VisibilityStepResult } from "./visibility-step.ts";
import type { Secret } from "../../core/secret.ts";
import { githubWith } from "../../core/health/github-with.ts";
import type { Limiter } from "../../core/health/limit-concurrency.ts";
import type { RateBudget } from "../../core/health/rate-budget.ts";

/** What fetching API facts needs about one credential. */
export interface ApiFactsContext {
  deps: CoreDeps;
  host: Host;
  credential: Credential;
  token: Secret;
  budget: RateBudget;
  limit: Limiter;
}

/** Visibility steps for a prefix of the batch; `exhausted` when the budget or a rate limit cut it short. */
export interface ApiFacts {
  steps: Map<string, VisibilityStepResult>;
  exhausted: boolean;
}

/** The first batch's facts and the token check GitHub answered in the same query. */
export interface ApiFactsWithToken {
  facts: ApiFacts;
  /** Null when the query said nothing about the token (budget or rate limit ran out, an unexpected answer). */
  inspection: TokenInspection | null;
}

type Answer = RepositoryInfo | AppError;
const etags = new Map<string, { etag: string; info: RepositoryInfo }>();
const restOnlyHosts = new Set<string>();
const ETAG_CAP = 100_000;

async function visibility(ctx: ApiFactsContext, repo: Repository, answer: Answer): Promise<VisibilityStepResult> {
  const github = githubWith(ctx.deps.github, {
    getRepository: async () => {
      if (answer instanceof AppError) throw answer;
      return answer;
    },
  });
  return runVisibilityStep({ github }, ctx.host, ctx.token, repo.owner, repo.repo);
}

function fromEntry(entry: RepositoryBatchEntry | undefined, repo: Repository): Answer {
  if (entry?.outcome === "found") return entry.info;
  if (entry?.outcome === "sso-required")
    return new UpstreamError("GITHUB_SSO_REQUIRED", "SAML single sign-on required.", { details: { ssoUrl: entry.ssoUrl } });
  return new NotFoundError("GITHUB_REPO_NOT_FOUND", `GitHub shows no repository ${repo.owner}/${repo.repo} to this token.`);
}

/**
 * One GraphQL query for the whole batch, asking who the token is too when `viewer` is set;
 * null when the host serves no GraphQL (then REST is used).
 */
async function viaGraphql(ctx: ApiFactsContext, repos: Repository[], viewer: boolean): Promise<ApiFactsWithToken | null> {
  const batch = ctx.deps.github.getRepositoriesBatch?.bind(ctx.deps.github);
  if (!batch || ctx.host.kind !== "github" || restOnlyHosts.has(ctx.host.name)) return null;
  if (!ctx.budget.reserve("graphql", 1)) return { facts: { steps: new Map(), exhausted: true }, inspection: null };
  const target = { ...githubApiTarget(ctx.host), graphqlUrl: ctx.host.graphqlUrl };
  let answers: Answer[];
  let inspection: TokenInspection | null = null;
  try {
    const result = await ctx.limit(() =>
      batch(
        target,
        ctx.token,
        repos.map((r) => ({ owner: r.owner, name: r.repo })),
        { viewer },
      ),
    );
    ctx.budget.settle("graphql", 1, result.cost, result.rateLimit);
    answers = repos.map((r, i) => fromEntry(result.entries[i], r));
    inspection = result.viewer ?? null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    ctx.budget.settle("graphql", 1, error.code === "GITHUB_UNREACHABLE" ? 0 : 1, null);
    if (error.code === "GITHUB_GRAPHQL_UNAVAILABLE") {
      restOnlyHosts.add(ctx.host.name);
      return null;
    }
    if (error.code === "GITHUB_RATE_LIMITED") return { facts: { steps: new Map(), exhausted: true }, inspection: null };
    // A 401, an SSO demand or an unreachable host is the token check's answer: no repository facts came.
    inspection = viewer ? tokenInspectionOfError(error) : null;
    if (inspection) return { facts: { steps: new Map(), exhausted: false }, inspection };
    answers = repos.map(() => error);
  }
  const steps = new Map<string, VisibilityStepResult>();
  for (const [i, repo] of repos.entries()) steps.set(repo.id, await visibility(ctx, repo, answers[i]!));
  return { facts: { steps, exhausted: false }, inspection };
}

/** One conditional REST request per repository: a 304 (nothing changed) is free. */
async function viaRest(ctx: ApiFactsContext, repos: Repository[]): Promise<ApiFacts> {
  const allowed = repos.findIndex(() => !ctx.budget.reserve("rest", 1));
  const prefix = allowed < 0 ? repos : repos.slice(0, allowed);
  const steps = new Map<string, VisibilityStepResult>();
  let rateLimited = false;
  await Promise.all(
    prefix.map((repo) =>
      ctx.limit(async () => {
        const key = `${ctx.credential.id}:${ctx.credential.secretVersion}:${repo.id}`;
        const cached = etags.get(key);
        let answer: Answer;
        try {
          const target = githubApiTarget(ctx.host);
          const conditional = ctx.deps.github.getRepositoryIfChanged?.bind(ctx.deps.github);
          if (conditional) {
            const result = await conditional(target, ctx.token, repo.owner, repo.repo, cached?.etag ?? null);
            ctx.budget.settle("rest", 1, result.outcome === "not-modified" ? 0 : 1, result.rateLimit);
            if (result.outcome === "found" && result.etag !== null) etags.set(key, { etag: result.etag, info: result.info });
            if (etags.size > ETAG_CAP) etags.delete(etags.keys().next().value!);
            answer = result.outcome === "found" ? result.info : cached!.info;
          } else {
            answer = await ctx.deps.github.getRepository(target, ctx.token, repo.owner, repo.repo);
          }
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // A rate-limited repository is left for the next cycle rather than marked degraded.
          if (error.code === "GITHUB_RATE_LIMITED") {
            rateLimited = true;
            return;
          }
          answer = error;
        }
        steps.set(repo.id, await visibility(ctx, repo, answer));
      }),
    ),
  );
  return { steps, exhausted: allowed >= 0 || rateLimited };
}

/**
 * The visibility step of each repository in a batch, from one GraphQL query (≤ 100
 * repositories, 1 point) or, where GraphQL is not served, conditional REST requests.
 */
export async function fetchApiFacts(ctx: ApiFactsContext, repos: Repository[]): Promise<ApiFacts> {
  return (await viaGraphql(ctx, repos, false))?.facts ?? viaRest(ctx, repos);
}

/**
 * The first batch's facts with the token check folded into the same GraphQL query
 * (`viewer`; scopes and expiry from the response headers): one request for both.
 * @returns null when the host serves no GraphQL: check the token over REST, then `fetchApiFacts`
 */
export async function fetchApiFactsWithTokenCheck(ctx: ApiFactsContext, repos: Repository[]): Promise<ApiFactsWithToken | null> {
  return viaGraphql(ctx, repos, true);
}
