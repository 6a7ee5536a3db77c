import type { CheckSession } from "../../core/ports/integration.ts";
import { AppError, NotFoundError, UpstreamError } from "../../core/errors.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import type { Secret } from "../../core/secret.ts";
import { githubApiTarget } from "./github-api-target.ts";
import type { GithubClient, RepositoryBatchEntry, RepositoryInfo, TokenInspection } from "./github-client.ts";
import { tokenInspectionOfError } from "./token-inspection-of-error.ts";
import { classifyToken } from "./classify-token.ts";
import { isHostFailure, neverReachedHost } from "./is-host-failure.ts";
import { visibilityStep, type RepositoryAnswer, type VisibilityStepResult } from "./visibility-step.ts";

/**
 * Visibility steps for a prefix of the batch; `exhausted` when the budget or a rate limit cut it
 * short, `unavailable` when GitHub failed (5xx after the retries, or unreachable): nothing was learnt.
 */
export interface ApiFacts {
  steps: Map<string, VisibilityStepResult>;
  exhausted: boolean;
  unavailable?: boolean;
}

/** The first batch's facts and the token check GitHub answered in the same query. */
export interface ApiFactsWithToken {
  facts: ApiFacts;
  /** Null when the query said nothing about the token (budget or rate limit ran out, an unexpected answer). */
  inspection: TokenInspection | null;
}

/** A health cycle's session: the budget is what separates it from a check on demand. */
type CycleSession = CheckSession & { budget: NonNullable<CheckSession["budget"]> };

const ETAG_CAP = 100_000;
// A host upgraded to serve GraphQL is asked again after this long.
const REST_ONLY_MS = 60 * 60 * 1000;
const noFacts = (exhausted: boolean): ApiFacts => ({ steps: new Map(), exhausted });

function fromEntry(entry: RepositoryBatchEntry | undefined, repo: Repository): RepositoryAnswer {
  if (entry?.outcome === "found") return entry.info;
  if (entry?.outcome === "sso-required")
    return new UpstreamError("GITHUB_SSO_REQUIRED", "SAML single sign-on required.", { details: { ssoUrl: entry.ssoUrl } });
  return new NotFoundError("GITHUB_REPO_NOT_FOUND", `GitHub shows no repository ${repo.owner}/${repo.repo} to this token.`);
}

/**
 * Repository facts for a health cycle's batches: one GraphQL query per batch (≤ 100
 * repositories, 1 point), or, where a host serves no GraphQL, conditional REST requests
 * whose 304s are free. Its ETags and the hosts found REST-only (for an hour) are this
 * instance's state, so two runtimes never share them.
 */
export class GithubRepositoryFacts {
  readonly #client: GithubClient;
  readonly #etags = new Map<string, { etag: string; info: RepositoryInfo }>();
  /** Hosts that answered "no GraphQL", until when REST is used without asking again. */
  readonly #restOnlyUntil = new Map<string, number>();

  constructor(client: GithubClient) {
    this.#client = client;
  }

  /** The visibility step of each repository in a batch, within the session's budget. */
  async fetch(session: CycleSession, token: Secret, repos: readonly Repository[]): Promise<ApiFacts> {
    return (await this.#viaGraphql(session, token, repos, false))?.facts ?? this.#viaRest(session, token, repos);
  }

  /**
   * The first batch's facts with the token check folded into the same GraphQL query
   * (`viewer`; scopes and expiry from the response headers): one request for both.
   * @returns null when the host serves no GraphQL: check the token over REST, then `fetch`
   */
  async fetchWithTokenCheck(session: CycleSession, token: Secret, repos: readonly Repository[]): Promise<ApiFactsWithToken | null> {
    return this.#viaGraphql(session, token, repos, true);
  }

  /**
   * A fine-grained token reaches one owner, and an organisation that refuses it refuses the whole
   * query: its batches are split per owner, so one owner's refusal leaves the others' facts whole.
   */
  async #viaGraphql(
    session: CycleSession,
    token: Secret,
    repos: readonly Repository[],
    viewer: boolean,
  ): Promise<ApiFactsWithToken | null> {
    const owners = [...new Set(repos.map((r) => r.owner.toLowerCase()))];
    if (owners.length < 2 || classifyToken(token.reveal()).type !== "fine-grained-pat")
      return this.#graphqlQuery(session, token, repos, viewer);
    const steps = new Map<string, VisibilityStepResult>();
    let inspection: TokenInspection | null = null;
    for (const [i, owner] of owners.entries()) {
      const answer = await this.#graphqlQuery(
        session,
        token,
        repos.filter((r) => r.owner.toLowerCase() === owner),
        viewer && i === 0,
      );
      if (answer === null) return i === 0 ? null : { facts: { steps, exhausted: true }, inspection };
      if (i === 0) inspection = answer.inspection;
      for (const [id, step] of answer.facts.steps) steps.set(id, step);
      if (answer.facts.exhausted || answer.facts.unavailable) return { facts: { ...answer.facts, steps }, inspection };
      // The token check failed in the first query: no repository facts follow.
      if (i === 0 && answer.facts.steps.size === 0) return answer;
    }
    return { facts: { steps, exhausted: false }, inspection };
  }

  async #graphqlQuery(
    session: CycleSession,
    token: Secret,
    repos: readonly Repository[],
    viewer: boolean,
  ): Promise<ApiFactsWithToken | null> {
    const batch = this.#client.getRepositoriesBatch?.bind(this.#client);
    const restOnlyUntil = this.#restOnlyUntil.get(session.host.name);
    if (!batch || (restOnlyUntil !== undefined && restOnlyUntil > session.now().getTime())) return null;
    if (!session.budget.reserve("graphql", 1)) return { facts: noFacts(true), inspection: null };
    const target = { ...githubApiTarget(session.host), ...(session.host.graphqlUrl ? { graphqlUrl: session.host.graphqlUrl } : {}) };
    let answers: RepositoryAnswer[];
    let inspection: TokenInspection | null = null;
    try {
      const names = repos.map((r) => ({ owner: r.owner, name: r.repo }));
      const result = await session.limit(() => batch(target, token, names, { viewer }));
      session.budget.settle("graphql", 1, result.cost, result.rateLimit);
      answers = repos.map((r, i) => fromEntry(result.entries[i], r));
      inspection = result.viewer ?? null;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // No answer, or credentials refused before anything was counted: GitHub charged nothing.
      const charged = neverReachedHost(error) || error.code === "GITHUB_TOKEN_REVOKED" ? 0 : 1;
      session.budget.settle("graphql", 1, charged, null);
      if (error.code === "GITHUB_GRAPHQL_UNAVAILABLE") {
        this.#restOnlyUntil.set(session.host.name, session.now().getTime() + REST_ONLY_MS);
        return null;
      }
      if (error.code === "GITHUB_RATE_LIMITED") return { facts: noFacts(true), inspection: null };
      if (isHostFailure(error)) return { facts: { ...noFacts(false), unavailable: true }, inspection: null };
      // A 401, an SSO demand or an unreachable host is the token check's answer: no repository facts came.
      inspection = viewer ? tokenInspectionOfError(error) : null;
      if (inspection) return { facts: noFacts(false), inspection };
      answers = repos.map(() => error);
    }
    const steps = new Map<string, VisibilityStepResult>();
    for (const [i, repo] of repos.entries()) steps.set(repo.id, visibilityStep(repo.owner, repo.repo, answers[i]!));
    return { facts: { steps, exhausted: false }, inspection };
  }

  /** One conditional REST request per repository: a 304 (nothing changed) is free. */
  async #viaRest(session: CycleSession, token: Secret, repos: readonly Repository[]): Promise<ApiFacts> {
    const allowed = repos.findIndex(() => !session.budget.reserve("rest", 1));
    const prefix = allowed < 0 ? repos : repos.slice(0, allowed);
    const steps = new Map<string, VisibilityStepResult>();
    let rateLimited = false;
    await Promise.all(
      prefix.map((repo) =>
        session.limit(async () => {
          let answer: RepositoryAnswer;
          try {
            answer = await this.#restAnswer(session, token, repo);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            // A rate-limited repository is left for the next cycle rather than marked degraded.
            if (error.code === "GITHUB_RATE_LIMITED") {
              rateLimited = true;
              return;
            }
            answer = error;
          }
          steps.set(repo.id, visibilityStep(repo.owner, repo.repo, answer));
        }),
      ),
    );
    return { steps, exhausted: allowed >= 0 || rateLimited };
  }

  async #restAnswer(session: CycleSession, token: Secret, repo: Repository): Promise<RepositoryInfo> {
    const target = githubApiTarget(session.host);
    const conditional = this.#client.getRepositoryIfChanged?.bind(this.#client);
    if (!conditional) return this.#client.getRepository(target, token, repo.owner, repo.repo);
    const key = `${session.credential.id}:${session.credential.secretVersion}:${repo.id}`;
    const cached = this.#etags.get(key);
    const result = await conditional(target, token, repo.owner, repo.repo, cached?.etag ?? null);
    session.budget.settle("rest", 1, result.outcome === "not-modified" ? 0 : 1, result.rateLimit);
    if (result.outcome === "found" && result.etag !== null) this.#etags.set(key, { etag: result.etag, info: result.info });
    if (this.#etags.size > ETAG_CAP) this.#etags.delete(this.#etags.keys().next().value!);
    return result.outcome === "found" ? result.info : cached!.info;
  }
}
