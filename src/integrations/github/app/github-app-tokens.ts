import { createHash } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/core";
import { AppError, UpstreamError } from "../../../core/errors.ts";
import { Secret } from "../../../core/secret.ts";
import type { GithubApiTarget } from "../github-client.ts";
import { githubFailureError } from "../github-failure-error.ts";
import { toGithubFailure } from "../github-failure.ts";
import type { AppFacts, AppIdentity, AppInstallation, AppTokenMint, InstallationToken, TokenNarrowing } from "./app-types.ts";
import { signAppJwt } from "./sign-app-jwt.ts";
import { convertAppManifest } from "./convert-app-manifest.ts";
import type { ConvertedApp } from "../../../core/ports/integration.ts";

/** A token is handed out only while at least this much of its life is left (git's credential helper needs it to last a job step). */
const minimumLifeMs = 10 * 60_000;
/** GitHub may refuse a brand-new installation token for a few seconds while it replicates. */
const replicationWindowMs = 5_000;

/** Options of `GithubAppTokens`; tests steer the clock and the waits. */
export interface GithubAppTokensOptions {
  fetchFor: (target: GithubApiTarget) => typeof fetch;
  userAgent?: string;
  /** Epoch milliseconds; tests move it to age tokens. */
  now?: () => number;
  /** Wait before the n-th retry of a 401 on a fresh token. */
  retryDelayMs?: (attempt: number) => number;
  /** Told of every mint (never the token), for the audit log. */
  onMint?: (mint: AppTokenMint) => Promise<void> | void;
  timeoutMs?: number;
}

interface AppState {
  octokit: Octokit;
  /** GitHub's clock minus ours, in seconds, learnt from the `Date` of a refused JWT. */
  skewSeconds: number;
  installations: Map<string, AppInstallation>;
  tokens: Map<string, Promise<InstallationToken>>;
}

type AuthFunction = (
  options: Record<string, unknown>,
) => Promise<{ token: string; expiresAt: string; permissions?: Record<string, string> }>;

const noCache = { get: () => undefined, set: () => undefined };

/**
 * GitHub Apps' tokens: the JWT (RS256, clock skew corrected from GitHub's `Date`), the
 * installation per owner (remembered), and installation tokens minted on demand, kept in
 * memory only and reused until less than 10 minutes remain. State lives in this instance.
 */
export class GithubAppTokens {
  readonly #options: GithubAppTokensOptions;
  readonly #apps = new Map<string, AppState>();

  constructor(options: GithubAppTokensOptions) {
    this.#options = options;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  #state(target: GithubApiTarget, app: AppIdentity): AppState {
    const key = createHash("sha256").update(`${target.apiUrl}\n${app.appId}\n${app.privateKey.reveal()}`).digest("hex");
    const state = this.#apps.get(key);
    if (state) return state;
    const created: AppState = { skewSeconds: 0, installations: new Map(), tokens: new Map(), octokit: undefined as unknown as Octokit };
    created.octokit = new Octokit({
      baseUrl: target.apiUrl.replace(/\/+$/, ""),
      userAgent: this.#options.userAgent ?? "repolink",
      authStrategy: createAppAuth,
      auth: {
        appId: app.appId,
        // Our own signer: iat 60 s back, and the skew auth-app learns from a refused JWT is kept for later JWTs.
        createJwt: async (_appId: string, timeDifference?: number) => {
          if (timeDifference !== undefined) created.skewSeconds = timeDifference;
          // The real clock, as auth-app measures the skew against it (the injected `now` only ages tokens).
          return signAppJwt(app.appId, app.privateKey, Date.now() / 1000 + created.skewSeconds);
        },
        cache: noCache,
        log: { warn: () => undefined },
      },
      request: { fetch: this.#options.fetchFor(target), redirect: "manual" },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    this.#apps.set(key, created);
    return created;
  }

  async #call<T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await run(AbortSignal.timeout(this.#options.timeoutMs ?? 30_000));
    } catch (error) {
      if (error instanceof AppError) throw error;
      const failure = toGithubFailure(error, "");
      if (failure.kind === "revoked") {
        throw new UpstreamError(
          "GITHUB_APP_REFUSED",
          `GitHub refused the App's signed request for ${what}: the App ID or the private key is wrong, or the key was deleted.`,
        );
      }
      throw githubFailureError(failure, what);
    }
  }

  /** The App GitHub created from a manifest, for the code it sent back. @throws UpstreamError `APP_MANIFEST_CODE_INVALID`… */
  convertManifest(target: GithubApiTarget, code: string): Promise<ConvertedApp> {
    return convertAppManifest(target, code, {
      fetch: this.#options.fetchFor(target),
      userAgent: this.#options.userAgent ?? "repolink",
      timeoutMs: this.#options.timeoutMs ?? 30_000,
    });
  }

  /** `GET /app` with the JWT: the App exists and this key signs for it. @throws UpstreamError `GITHUB_APP_REFUSED`… */
  async app(target: GithubApiTarget, app: AppIdentity): Promise<AppFacts> {
    const { octokit } = this.#state(target, app);
    return this.#call("the App", async (signal) => {
      const { data } = await octokit.request("GET /app", { request: { signal } });
      if (!data) throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub answered GET /app without the App.");
      const owner = data.owner && "login" in data.owner ? data.owner.login : null;
      return {
        slug: data.slug ?? String(data.id),
        name: data.name,
        owner,
        permissions: { ...(data.permissions as Record<string, string>) },
      };
    });
  }

  /**
   * The App's installation on `owner` (an organisation or user), or `null` when it is not
   * installed there. With the credential's installation ID, that installation (if on `owner`).
   * Remembered per owner unless `fresh` (a check wants today's suspension and selection).
   */
  async installationFor(target: GithubApiTarget, app: AppIdentity, owner: string, fresh = false): Promise<AppInstallation | null> {
    const state = this.#state(target, app);
    const remembered = state.installations.get(owner.toLowerCase());
    if (remembered && !fresh) return remembered;
    const found = await this.#call(`the App's installation on ${owner}`, async (signal) => {
      const ask = async (route: string, params: Record<string, string>) => {
        try {
          return (await state.octokit.request(route, { ...params, request: { signal } })).data as InstallationJson;
        } catch (error) {
          if ((error as { status?: number }).status === 404) return null;
          throw error;
        }
      };
      if (app.installationId !== null) return ask("GET /app/installations/{installation_id}", { installation_id: app.installationId });
      return (
        (await ask("GET /orgs/{org}/installation", { org: owner })) ??
        (await ask("GET /users/{username}/installation", { username: owner }))
      );
    });
    const installation = found && found.account?.login?.toLowerCase() === owner.toLowerCase() ? toInstallation(found) : null;
    if (installation) state.installations.set(owner.toLowerCase(), installation);
    else state.installations.delete(owner.toLowerCase());
    return installation;
  }

  /** Every installation of the App (`GET /app/installations`), e.g. to import what it reaches. */
  async installations(target: GithubApiTarget, app: AppIdentity): Promise<AppInstallation[]> {
    const { octokit } = this.#state(target, app);
    return this.#call("the App's installations", async (signal) => {
      const all: AppInstallation[] = [];
      for (let page = 1; ; page++) {
        const { data } = await octokit.request("GET /app/installations", { per_page: 100, page, request: { signal } });
        all.push(...(data as InstallationJson[]).map(toInstallation));
        if (data.length < 100) return all;
      }
    });
  }

  /**
   * An installation token, reused while at least 10 minutes of it remain, else minted (and
   * told to `onMint`). Narrowed to one repository and its Contents access when `narrow` is given.
   * @throws UpstreamError `GITHUB_APP_INSTALLATION_SUSPENDED`, `GITHUB_APP_REPOSITORY_NOT_SELECTED`, `GITHUB_APP_REFUSED`…
   */
  async tokenFor(
    target: GithubApiTarget,
    app: AppIdentity,
    installation: AppInstallation,
    narrow?: TokenNarrowing,
  ): Promise<InstallationToken> {
    const state = this.#state(target, app);
    const key = `${installation.id}\n${narrow ? `${narrow.repository.toLowerCase()}\n${narrow.contents}` : "*"}`;
    const cached = state.tokens.get(key);
    if (cached) {
      const token = await cached.catch(() => null);
      if (token && Date.parse(token.expiresAt) - this.#now() >= minimumLifeMs) return token;
      if (state.tokens.get(key) !== cached) return this.tokenFor(target, app, installation, narrow);
    }
    const minting = this.#mint(state, app, installation, narrow);
    state.tokens.set(key, minting);
    minting.catch(() => state.tokens.get(key) === minting && state.tokens.delete(key));
    return minting;
  }

  async #mint(state: AppState, app: AppIdentity, installation: AppInstallation, narrow?: TokenNarrowing): Promise<InstallationToken> {
    const auth = state.octokit.auth as AuthFunction;
    const what = `an installation token for ${installation.account}${narrow ? `/${narrow.repository}` : ""}`;
    const minted = await this.#call(what, async () => {
      try {
        return await auth({
          type: "installation",
          installationId: installation.id,
          refresh: true,
          ...(narrow ? { repositoryNames: [narrow.repository], permissions: { contents: narrow.contents, metadata: "read" } } : {}),
        });
      } catch (error) {
        throw mintError(error, installation, narrow) ?? error;
      }
    });
    const token: InstallationToken = {
      token: new Secret(minted.token),
      expiresAt: minted.expiresAt,
      installationId: installation.id,
      mintedAt: this.#now(),
    };
    await this.#options.onMint?.({
      appId: app.appId,
      installationId: installation.id,
      account: installation.account,
      repository: narrow ? `${installation.account}/${narrow.repository}` : null,
      permissions: { ...minted.permissions },
      expiresAt: minted.expiresAt,
    });
    return token;
  }

  /**
   * Runs `call` with a token; a 401 within 5 s of its minting is GitHub's replication delay and
   * is retried until then. Any other 401 is final.
   */
  async withFreshTokenRetry<T>(token: InstallationToken, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const unauthorized = error instanceof AppError && error.code === "GITHUB_TOKEN_REVOKED";
        if (!unauthorized || this.#now() - token.mintedAt >= replicationWindowMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.#options.retryDelayMs?.(attempt) ?? attempt * 500));
      }
    }
  }
}

interface InstallationJson {
  id: number;
  account: { login?: string } | null;
  suspended_at?: string | null;
  repository_selection: "all" | "selected";
  permissions: Record<string, string>;
  html_url: string;
}

function toInstallation(json: InstallationJson): AppInstallation {
  return {
    id: json.id,
    account: json.account?.login ?? "",
    suspended: Boolean(json.suspended_at),
    repositorySelection: json.repository_selection,
    permissions: { ...json.permissions },
    settingsUrl: json.html_url,
  };
}

/** The user's words for GitHub refusing a mint; `null` to let the generic mapping speak. */
function mintError(error: unknown, installation: AppInstallation, narrow?: TokenNarrowing): AppError | null {
  const status = (error as { status?: number }).status;
  const message = String((error as { message?: string }).message ?? "");
  if (status === 403 && /suspended/i.test(message)) {
    return new UpstreamError("GITHUB_APP_INSTALLATION_SUSPENDED", `The App's installation on ${installation.account} is suspended.`, {
      details: { settingsUrl: installation.settingsUrl },
    });
  }
  if (status === 422 && narrow && /repositor/i.test(message)) {
    return new UpstreamError(
      "GITHUB_APP_REPOSITORY_NOT_SELECTED",
      `The App's installation on ${installation.account} does not include ${narrow.repository}, ` +
        `or cannot grant Contents: ${narrow.contents}.`,
      { details: { settingsUrl: installation.settingsUrl } },
    );
  }
  return null;
}
