import { AppError, UpstreamError } from "../../../core/errors.ts";
import type { BudgetKind, RateBudget, RateLimit } from "../../../core/health/rate-budget.ts";
import type { CheckBatchOutcome, CheckSession } from "../../../core/ports/integration.ts";
import type { CheckStep } from "../../../core/repositories/connection-report.ts";
import type { Repository } from "../../../core/repositories/repository.ts";
import { githubApiTarget } from "../github-api-target.ts";
import type { GithubClient, RepositoryInfo } from "../github-client.ts";
import { isHostFailure } from "../is-host-failure.ts";
import { hasMoved, hostRepositoryOf, identityStep, movedTransportStep } from "../identity-step.ts";
import type { ApiFacts, GithubRepositoryFacts } from "../github-repository-facts.ts";
import { visibilityStep, type VisibilityStepResult } from "../visibility-step.ts";
import { contentsPermissionRemedy, installAppRemedy, selectRepositoryRemedy, unsuspendRemedy } from "./app-remedies.ts";
import type { AppFacts, AppIdentity, AppInstallation, InstallationToken } from "./app-types.ts";
import type { GithubAppTokens } from "./github-app-tokens.ts";

type AppAuth = Extract<NonNullable<CheckSession["apiAuth"]>, { kind: "app" }>;

/** What the installation's token showed of one repository, or the step that failed before it could ask. */
type Visibility = { installation: AppInstallation; result: VisibilityStepResult } | CheckStep;

/** The leading repositories that satisfy `keep`, up to the first that does not. */
function prefixWhile<T>(items: readonly T[], keep: (item: T) => boolean): readonly T[] {
  const end = items.findIndex((item) => !keep(item));
  return end < 0 ? items : items.slice(0, end);
}

/** An owner's installation and its token, or the step that failed finding them (`hostFailure`: GitHub failed, 5xx or no answer). */
type OwnerAccess = { installation: AppInstallation; token: InstallationToken } | (CheckStep & { hostFailure?: boolean });

interface SessionState {
  app: Promise<AppFacts | AppError>;
  owners: Map<string, Promise<OwnerAccess>>;
}

const failed = (name: string, code: string, message: string, remedy: string): CheckStep => ({
  name,
  status: "failed",
  code,
  message,
  remedy,
});
const passed = (name: string, message: string): CheckStep => ({ name, status: "passed", code: null, message, remedy: null });

/**
 * A GitHub App's connection check: token (`GET /app` with the JWT: the App exists and the
 * key signs for it) → visibility (installed on the owner, not suspended, repository
 * selected) → permission (the installation's Contents against what the repository needs) →
 * transport. One installation token per installation serves a session's repositories.
 */
export class GithubAppConnectionChecks {
  readonly #client: GithubClient;
  readonly #apps: GithubAppTokens;
  readonly #facts: GithubRepositoryFacts;
  readonly #sessions = new WeakMap<CheckSession, SessionState>();
  /** Each installation's limits as its token's last answers reported them (host and installation id), in this instance. */
  readonly #limits = new Map<string, Partial<Record<BudgetKind, RateLimit>>>();

  constructor(client: GithubClient, apps: GithubAppTokens, facts: GithubRepositoryFacts) {
    this.#client = client;
    this.#apps = apps;
    this.#facts = facts;
  }

  async run(session: CheckSession, auth: AppAuth, repositories: readonly Repository[]): Promise<CheckBatchOutcome> {
    const app: AppIdentity = { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId };
    const target = githubApiTarget(session.host);
    let state = this.#sessions.get(session);
    if (!state) {
      state = {
        app: this.#apps.app(target, app).catch((e: unknown) => (e instanceof AppError ? e : Promise.reject(e))),
        owners: new Map(),
      };
      this.#sessions.set(session, state);
      const facts = await state.app;
      if (!(facts instanceof AppError)) {
        await session.reportCredential?.({
          status: "valid",
          login: `${facts.slug}[bot]`,
          scopes: null,
          expiresAt: null,
          problems: [],
          facts: { tokenType: "GitHub App", appSlug: facts.slug, appName: facts.name, appOwner: facts.owner },
        });
      }
    }
    const facts = await state.app;
    // In a cycle a failing GitHub says nothing about the App: the repositories keep their statuses.
    if (facts instanceof AppError && session.budget && isHostFailure(facts)) return { results: [], exhausted: false, unavailable: true };
    if (facts instanceof AppError) {
      const step = failed(
        "token",
        facts.code === "GITHUB_APP_REFUSED" ? "APP_REFUSED" : facts.code,
        facts.message,
        facts.code === "GITHUB_APP_REFUSED"
          ? `Check the App ID on the App's settings page (${session.host.webUrl}/settings/apps), ` +
              `and there click "Generate a private key" ` +
              `and store the downloaded .pem with \`repolink credential update NAME --private-key-file F\`.`
          : "Check that GitHub is reachable from Repolink, then check again.",
      );
      return { results: repositories.map((repository) => ({ repository, steps: [step], defaultBranch: null })), exhausted: false };
    }
    const tokenStep = passed("token", `The GitHub App ${facts.name} (${facts.slug}) signs in with this key.`);
    const seen = session.budget
      ? await this.#batchVisibility(session, session.budget, app, facts, state, repositories)
      : { byRepository: new Map<string, Visibility>(), exhausted: false, unavailable: false };
    // In a cycle the results are the prefix whose facts came: the budget or a failing host may stop the rest.
    const checkable = session.budget ? prefixWhile(repositories, (r) => seen.byRepository.has(r.id)) : repositories;
    const results = await Promise.all(
      checkable.map(async (repository) => {
        const visibility = seen.byRepository.get(repository.id) ?? (await this.#askOne(session, app, facts, state, repository));
        const steps = [tokenStep, ...this.#apiSteps(session, facts, repository, visibility)];
        const info = (steps as (CheckStep & { info?: RepositoryInfo })[]).find((s) => s.info)?.info ?? null;
        const clean = steps.map(({ name, status, code, message, remedy }) => ({ name, status, code, message, remedy }));
        const hostRepository = info ? { hostRepository: hostRepositoryOf(repository, info) } : {};
        if (clean.some((s) => s.status === "failed"))
          return { repository, steps: clean, defaultBranch: info?.defaultBranch ?? null, ...hostRepository };
        if (info && hasMoved(repository, info))
          return { repository, steps: [...clean, movedTransportStep()], defaultBranch: info.defaultBranch || null, ...hostRepository };
        const transport = await session.transport(repository);
        return { repository, steps: [...clean, transport.step], defaultBranch: info?.defaultBranch || transport.head, ...hostRepository };
      }),
    );
    const cut = checkable.length < repositories.length;
    return { results, exhausted: cut && seen.exhausted, unavailable: cut && seen.unavailable };
  }

  /** On demand: the installation of the repository's owner and `GET /repos/{owner}/{repo}` with its token. */
  async #askOne(
    session: CheckSession,
    app: AppIdentity,
    facts: AppFacts,
    state: SessionState,
    repository: Repository,
  ): Promise<Visibility> {
    const access = await this.#ownerAccess(session, app, facts, state, repository.owner);
    if ("name" in access) return access;
    const { token } = access;
    const target = githubApiTarget(session.host);
    let answer: RepositoryInfo | AppError;
    try {
      answer = await session.limit(() =>
        this.#apps.withFreshTokenRetry(token, () => this.#client.getRepository(target, token.token, repository.owner, repository.repo)),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      answer = error;
    }
    return { installation: access.installation, result: visibilityStep(repository.owner, repository.repo, answer) };
  }

  /**
   * In a health cycle: per owner (one installation each), its installation token (minted once and
   * reused while 10 minutes of it remain) and one GraphQL query for the owner's repositories of the
   * batch, drawn on the installation's own rate limit, whose share of it the cycle keeps.
   */
  async #batchVisibility(
    session: CheckSession,
    budget: RateBudget,
    app: AppIdentity,
    facts: AppFacts,
    state: SessionState,
    repositories: readonly Repository[],
  ): Promise<{ byRepository: Map<string, Visibility>; exhausted: boolean; unavailable: boolean }> {
    const byOwner = new Map<string, Repository[]>();
    for (const r of repositories) byOwner.set(r.owner.toLowerCase(), [...(byOwner.get(r.owner.toLowerCase()) ?? []), r]);
    const byRepository = new Map<string, Visibility>();
    let exhausted = false;
    let unavailable = false;
    await Promise.all(
      [...byOwner.values()].map(async (owned) => {
        const access = await this.#ownerAccess(session, app, facts, state, owned[0]!.owner);
        if ("name" in access) {
          if (access.hostFailure) unavailable = true;
          else for (const r of owned) byRepository.set(r.id, access);
          return;
        }
        const { installation, token } = access;
        const limitsKey = `${session.host.name}\n${installation.id}`;
        const pool = budget.pool(`installation:${installation.id}`, this.#limits.get(limitsKey), session.now());
        let found: ApiFacts = { steps: new Map(), exhausted: false };
        // A brand-new token may be refused while GitHub replicates it: asked again within 5 s of its mint.
        await this.#apps
          .withFreshTokenRetry(token, async () => {
            found = await this.#facts.fetch({ ...session, budget: pool }, token.token, owned);
            if ([...found.steps.values()].some((v) => v.step.code === "GITHUB_TOKEN_REVOKED"))
              throw new UpstreamError("GITHUB_TOKEN_REVOKED", "GitHub refused the installation token.");
          })
          .catch((error: unknown) => {
            if (!(error instanceof AppError && error.code === "GITHUB_TOKEN_REVOKED")) throw error;
          });
        this.#limits.set(limitsKey, {
          ...this.#limits.get(limitsKey),
          ...(pool.lastSeen("graphql") ? { graphql: pool.lastSeen("graphql")! } : {}),
          ...(pool.lastSeen("rest") ? { rest: pool.lastSeen("rest")! } : {}),
        });
        exhausted ||= found.exhausted;
        unavailable ||= found.unavailable === true;
        for (const [id, result] of found.steps) byRepository.set(id, { installation, result });
      }),
    );
    return { byRepository, exhausted, unavailable };
  }

  /** The steps after the token's: the installation's failure, or visibility (with the App's reasons) and permission. */
  #apiSteps(
    session: CheckSession,
    facts: AppFacts,
    repository: Repository,
    visibility: Visibility,
  ): (CheckStep & { info?: RepositoryInfo })[] {
    if ("name" in visibility) return [visibility];
    const { installation, result } = visibility;
    const fullName = `${repository.owner}/${repository.repo}`;
    if (result.step.code === "REPO_NOT_VISIBLE" && installation.repositorySelection === "selected") {
      return [
        failed(
          "visibility",
          "APP_REPOSITORY_NOT_SELECTED",
          `The App is installed on ${repository.owner} for selected repositories only, ` +
            `and ${fullName} is not one of them (or does not exist).`,
          selectRepositoryRemedy(installation.settingsUrl, fullName),
        ),
      ];
    }
    if (result.step.status === "failed" || !result.info) return [result.step];
    const info = result.info;
    const identity = identityStep(repository, info);
    if (identity?.status === "failed") return [{ ...identity, info }];
    const step = {
      ...(identity ??
        passed(
          "visibility",
          `The App's installation on ${repository.owner} reaches ` +
            `${info.fullName} (${info.private ? "private" : "public"}${info.archived ? ", archived" : ""}).`,
        )),
      info,
    };
    return [step, this.#permissionStep(session, facts, installation, repository, info)];
  }

  #permissionStep(
    session: CheckSession,
    facts: AppFacts,
    installation: AppInstallation,
    repository: Repository,
    info: RepositoryInfo,
  ): CheckStep {
    const contents = installation.permissions.contents ?? "none";
    const needed = repository.needs === "push" ? "write" : "read";
    if (repository.needs === "push" && info.archived) {
      return {
        name: "permission",
        status: "warning",
        code: "REPO_ARCHIVED",
        message: `${info.fullName} is archived: nobody can push to it.`,
        remedy: "Unarchive it on GitHub (Settings → Danger Zone), or change what it needs to pull (read only).",
      };
    }
    if (contents === "write" || (contents === "read" && needed === "read")) {
      return passed("permission", `The App has Contents: ${contents} on ${info.fullName}; this repository needs ${repository.needs}.`);
    }
    const remedy = contentsPermissionRemedy(session.host.webUrl, facts.slug, needed, installation.settingsUrl);
    if (contents === "read") {
      return {
        name: "permission",
        status: "warning",
        code: "PERMISSION_READ_ONLY",
        message: `The App has Contents: read on ${info.fullName}, but this repository needs push (Contents: write).`,
        remedy,
      };
    }
    return failed(
      "permission",
      "PERMISSION_NONE",
      `The App has no Contents permission, so it cannot ${repository.needs} ${info.fullName}.`,
      remedy,
    );
  }

  /** The installation on `owner` and its token, once per session; or the failed visibility step. */
  #ownerAccess(session: CheckSession, app: AppIdentity, facts: AppFacts, state: SessionState, owner: string) {
    const key = owner.toLowerCase();
    let access = state.owners.get(key);
    if (!access) {
      access = this.#findAccess(session, app, facts, owner);
      state.owners.set(key, access);
    }
    return access;
  }

  async #findAccess(session: CheckSession, app: AppIdentity, facts: AppFacts, owner: string): Promise<OwnerAccess> {
    const target = githubApiTarget(session.host);
    try {
      const installation = await this.#apps.installationFor(target, app, owner, true);
      if (!installation) {
        return failed(
          "visibility",
          "APP_NOT_INSTALLED",
          `The GitHub App ${facts.slug} is not installed on ${owner}.`,
          installAppRemedy(session.host.webUrl, facts.slug, owner),
        );
      }
      if (installation.suspended) {
        return failed(
          "visibility",
          "APP_INSTALLATION_SUSPENDED",
          `The App's installation on ${owner} is suspended: GitHub gives it no tokens.`,
          unsuspendRemedy(installation.settingsUrl, owner),
        );
      }
      return { installation, token: await this.#apps.tokenFor(target, app, installation) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "GITHUB_APP_INSTALLATION_SUSPENDED") {
        const url =
          typeof error.details?.settingsUrl === "string" ? error.details.settingsUrl : `${session.host.webUrl}/settings/installations`;
        return failed("visibility", "APP_INSTALLATION_SUSPENDED", error.message, unsuspendRemedy(url, owner));
      }
      return {
        ...failed("visibility", error.code, error.message, "Check that GitHub is reachable from Repolink, then check again."),
        hostFailure: isHostFailure(error),
      };
    }
  }
}
