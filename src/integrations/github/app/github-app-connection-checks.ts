import { AppError } from "../../../core/errors.ts";
import type { CheckSession, CheckedRepository } from "../../../core/ports/integration.ts";
import type { CheckStep } from "../../../core/repositories/connection-report.ts";
import type { Repository } from "../../../core/repositories/repository.ts";
import { githubApiTarget } from "../github-api-target.ts";
import type { GithubClient, RepositoryInfo } from "../github-client.ts";
import { hasMoved, hostRepositoryOf, identityStep, movedTransportStep } from "../identity-step.ts";
import { visibilityStep } from "../visibility-step.ts";
import { contentsPermissionRemedy, installAppRemedy, selectRepositoryRemedy, unsuspendRemedy } from "./app-remedies.ts";
import type { AppFacts, AppIdentity, AppInstallation, InstallationToken } from "./app-types.ts";
import type { GithubAppTokens } from "./github-app-tokens.ts";

type AppAuth = Extract<NonNullable<CheckSession["apiAuth"]>, { kind: "app" }>;

interface SessionState {
  app: Promise<AppFacts | AppError>;
  owners: Map<string, Promise<{ installation: AppInstallation; token: InstallationToken } | CheckStep>>;
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
  readonly #sessions = new WeakMap<CheckSession, SessionState>();

  constructor(client: GithubClient, apps: GithubAppTokens) {
    this.#client = client;
    this.#apps = apps;
  }

  async run(session: CheckSession, auth: AppAuth, repositories: readonly Repository[]): Promise<CheckedRepository[]> {
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
      return repositories.map((repository) => ({ repository, steps: [step], defaultBranch: null }));
    }
    const tokenStep = passed("token", `The GitHub App ${facts.name} (${facts.slug}) signs in with this key.`);
    return Promise.all(
      repositories.map(async (repository) => {
        const steps = [tokenStep, ...(await this.#apiSteps(session, app, facts, state, repository))];
        const info = (steps as (CheckStep & { info?: RepositoryInfo })[]).find((s) => s.info)?.info ?? null;
        const clean = steps.map(({ name, status, code, message, remedy }) => ({ name, status, code, message, remedy }));
        const seen = info ? { hostRepository: hostRepositoryOf(repository, info) } : {};
        if (clean.some((s) => s.status === "failed"))
          return { repository, steps: clean, defaultBranch: info?.defaultBranch ?? null, ...seen };
        if (info && hasMoved(repository, info))
          return { repository, steps: [...clean, movedTransportStep()], defaultBranch: info.defaultBranch || null, ...seen };
        const transport = await session.transport(repository);
        return { repository, steps: [...clean, transport.step], defaultBranch: info?.defaultBranch || transport.head, ...seen };
      }),
    );
  }

  async #apiSteps(
    session: CheckSession,
    app: AppIdentity,
    facts: AppFacts,
    state: SessionState,
    repository: Repository,
  ): Promise<(CheckStep & { info?: RepositoryInfo })[]> {
    const fullName = `${repository.owner}/${repository.repo}`;
    const access = await this.#ownerAccess(session, app, facts, state, repository.owner);
    if ("name" in access) return [access];
    const { installation, token } = access;
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
    if (answer instanceof AppError && answer.code === "GITHUB_REPO_NOT_FOUND" && installation.repositorySelection === "selected") {
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
    const visibility = visibilityStep(repository.owner, repository.repo, answer);
    if (visibility.step.status === "failed" || !visibility.info) return [visibility.step];
    const info = visibility.info;
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

  async #findAccess(
    session: CheckSession,
    app: AppIdentity,
    facts: AppFacts,
    owner: string,
  ): Promise<{ installation: AppInstallation; token: InstallationToken } | CheckStep> {
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
      return failed("visibility", error.code, error.message, "Check that GitHub is reachable from Repolink, then check again.");
    }
  }
}
