import type {
  CheckBatchOutcome,
  CheckSession,
  CheckedRepository,
  ConnectionChecks,
  HostRepositoryFacts,
} from "../../core/ports/integration.ts";
import { skippedStep, type CheckStep } from "../../core/repositories/connection-report.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import type { Secret } from "../../core/secret.ts";
import { classifyToken } from "./classify-token.ts";
import { githubApiTarget, githubToken } from "./github-api-target.ts";
import type { GithubClient, TokenInspection } from "./github-client.ts";
import { credentialCheckOf } from "./github-credential-checker.ts";
import { diagnoseFineGrainedVisibility } from "./fine-grained-doctor.ts";
import { GithubRepositoryFacts, type ApiFacts } from "./github-repository-facts.ts";
import { hostRepositoryOf, identityStep, movedTransportStep } from "./identity-step.ts";
import { permissionStep } from "./permission-step.ts";
import { tokenStep, type TokenStepResult } from "./token-step.ts";
import { assessToken } from "./token-report.ts";
import { askRepository, visibilityStep, type VisibilityStepResult } from "./visibility-step.ts";
import { GithubAppConnectionChecks } from "./app/github-app-connection-checks.ts";
import type { GithubAppTokens } from "./app/github-app-tokens.ts";

/** The token step a session's batches share, and the first batch's facts when its query carried the check. */
interface TokenCheck {
  /** Null when GitHub failed (5xx, unreachable) before it said anything about the token. */
  token: TokenStepResult | null;
  firstFacts: ApiFacts | undefined;
}

/** One repository's steps before its transport; `done` when a failed step ends its check. */
interface Prepared {
  repository: Repository;
  steps: CheckStep[];
  done: boolean;
  branch: string | null;
  hostRepository?: HostRepositoryFacts;
}

const NO_API = "Not run: GitHub's API is not available.";
const NO_TOKEN = "An SSH key has no token for GitHub's API; the Git transport step checks it.";

/** The steps before transport from the shared token step and the batch's facts; null when the budget gave no facts for it. */
function apiSteps(
  token: TokenStepResult,
  repository: Repository,
  facts: ApiFacts,
  fineGrained: boolean,
): Omit<Prepared, "repository"> | null {
  if (token.step.status === "failed") return { steps: [token.step], done: true, branch: null };
  if (!token.apiUsable)
    return { steps: [token.step, skippedStep("visibility", NO_API), skippedStep("permission", NO_API)], done: false, branch: null };
  const visibility = facts.steps.get(repository.id);
  if (!visibility) return null;
  if (visibility.step.status === "failed") return { steps: [token.step, visibility.step], done: true, branch: null };
  const info = visibility.info;
  if (!info) return { steps: [token.step, visibility.step, skippedStep("permission", NO_API)], done: false, branch: null };
  const hostRepository = hostRepositoryOf(repository, info);
  const identity = identityStep(repository, info);
  if (identity?.status === "failed") return { steps: [token.step, identity], done: true, branch: null, hostRepository };
  const permission = permissionStep(info, repository.needs, token.login, fineGrained);
  const branch = info.defaultBranch || null;
  if (identity) return { steps: [token.step, identity, permission, movedTransportStep()], done: true, branch, hostRepository };
  return { steps: [token.step, visibility.step, permission], done: permission.status === "failed", branch, hostRepository };
}

/**
 * GitHub's connection check: token → visibility → permission → transport. On demand it asks
 * `GET /user` and `GET /repos/…`; in a health cycle (a session with a budget) the first
 * batch's GraphQL query carries the token check too, and later batches cost one query each
 * (or conditional REST requests where GraphQL is not served). SSH keys get the transport only.
 */
export class GithubConnectionChecks implements ConnectionChecks {
  readonly steps = ["token", "visibility", "permission", "transport"] as const;
  readonly #client: GithubClient;
  readonly #facts: GithubRepositoryFacts;
  readonly #tokenChecks = new WeakMap<CheckSession, Promise<TokenCheck>>();
  readonly #appChecks: GithubAppConnectionChecks | null;

  constructor(client: GithubClient, apps?: GithubAppTokens) {
    this.#client = client;
    this.#facts = new GithubRepositoryFacts(client);
    this.#appChecks = apps ? new GithubAppConnectionChecks(client, apps, this.#facts) : null;
  }

  async run(session: CheckSession, repositories: readonly Repository[]): Promise<CheckBatchOutcome> {
    if (session.apiAuth?.kind === "app") {
      if (!this.#appChecks) throw new Error("GithubConnectionChecks: built without GitHub App support.");
      return this.#appChecks.run(session, session.apiAuth, repositories);
    }
    if (session.apiAuth === null) {
      const skipped = [skippedStep("token", NO_TOKEN), skippedStep("visibility", NO_TOKEN), skippedStep("permission", NO_TOKEN)];
      return {
        results: await this.#withTransport(
          session,
          repositories.map((repository) => ({ repository, steps: skipped, done: false, branch: null })),
        ),
        exhausted: false,
      };
    }
    const token = githubToken(session.apiAuth);
    let shared = this.#tokenChecks.get(session);
    let prefetched: ApiFacts | undefined;
    if (!shared) {
      shared = this.#checkToken(session, token, repositories);
      this.#tokenChecks.set(session, shared);
      prefetched = (await shared).firstFacts;
    }
    const { token: tokenResult } = await shared;
    if (tokenResult === null) {
      this.#tokenChecks.delete(session); // a later batch asks again
      return { results: [], exhausted: false, unavailable: true };
    }
    const needsApi = tokenResult.step.status !== "failed" && tokenResult.apiUsable;
    let facts: ApiFacts = needsApi
      ? (prefetched ?? (await this.#repositoryFacts(session, token, repositories)))
      : { steps: new Map(), exhausted: false };
    const fineGrained = classifyToken(token.reveal()).type === "fine-grained-pat";
    if (needsApi && fineGrained)
      facts = await diagnoseFineGrainedVisibility(this.#client, session, token, tokenResult.login, repositories, facts);
    const prepared: Prepared[] = [];
    for (const repository of repositories) {
      const steps = apiSteps(tokenResult, repository, facts, fineGrained);
      if (steps === null) break; // no facts: the budget ran out or GitHub failed here
      prepared.push({ repository, ...steps });
    }
    return { results: await this.#withTransport(session, prepared), exhausted: facts.exhausted, unavailable: facts.unavailable === true };
  }

  async #withTransport(session: CheckSession, prepared: Prepared[]): Promise<CheckedRepository[]> {
    return Promise.all(
      prepared.map(async ({ repository, steps, done, branch, hostRepository }) => {
        const seen = hostRepository ? { hostRepository } : {};
        if (done) return { repository, steps, defaultBranch: branch, ...seen };
        const transport = await session.transport(repository);
        return { repository, steps: [...steps, transport.step], defaultBranch: branch ?? transport.head, ...seen };
      }),
    );
  }

  /**
   * Asks GitHub about the token once per session and keeps what it said about the credential;
   * a token failing GitHub's own format checks is never sent anywhere.
   */
  async #checkToken(session: CheckSession, token: Secret, repositories: readonly Repository[]): Promise<TokenCheck> {
    const classification = classifyToken(token.reveal());
    const asked = classification.ok ? await this.#inspect(session, token, repositories) : { inspection: null, firstFacts: undefined };
    if (asked.inspection === null && asked.firstFacts?.unavailable) return { token: null, firstFacts: asked.firstFacts };
    const now = session.now();
    if (asked.inspection !== null) await session.reportCredential?.(credentialCheckOf(classification, asked.inspection, now));
    return { token: tokenStep(assessToken(classification, asked.inspection, now), asked.inspection), firstFacts: asked.firstFacts };
  }

  /** In a cycle the first batch's GraphQL query asks about the token too (`viewer`); else, or where GraphQL is not served, `GET /user`. */
  async #inspect(
    session: CheckSession,
    token: Secret,
    repositories: readonly Repository[],
  ): Promise<{ inspection: TokenInspection | null; firstFacts: ApiFacts | undefined }> {
    const budget = session.budget;
    const answer = budget ? await this.#facts.fetchWithTokenCheck({ ...session, budget }, token, repositories) : null;
    if (answer?.inspection) return { inspection: answer.inspection, firstFacts: answer.facts };
    if (answer?.facts.unavailable) return { inspection: null, firstFacts: answer.facts };
    const inspection = await this.#client.inspectToken(githubApiTarget(session.host), token);
    budget?.settle("rest", 0, 1, inspection.outcome === "valid" ? inspection.rateLimit : null);
    return { inspection, firstFacts: answer?.facts };
  }

  async #repositoryFacts(session: CheckSession, token: Secret, repositories: readonly Repository[]): Promise<ApiFacts> {
    const budget = session.budget;
    if (budget) return this.#facts.fetch({ ...session, budget }, token, repositories);
    const steps = new Map<string, VisibilityStepResult>();
    for (const r of repositories)
      steps.set(r.id, visibilityStep(r.owner, r.repo, await askRepository(this.#client, session.host, token, r.owner, r.repo)));
    return { steps, exhausted: false };
  }
}
