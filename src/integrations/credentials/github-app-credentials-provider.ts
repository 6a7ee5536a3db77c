import { InputError, UpstreamError } from "../../core/errors.ts";
import type { ApiAuth, CredentialsProvider, CredentialUse, GitCredentialUse } from "../../core/ports/credentials-provider.ts";
import type { GitAuth } from "../../core/ports/git-transport.ts";
import { githubApiTarget } from "../github/github-api-target.ts";
import type { AppIdentity } from "../github/app/app-types.ts";
import type { GithubAppTokens } from "../github/app/github-app-tokens.ts";
import { installAppRemedy } from "../github/app/app-remedies.ts";

/** The `owner/name` of a GitHub HTTPS URL (`https://host/owner/name.git`). */
function ownerAndName(url: string): { owner: string; name: string } {
  const [owner = "", name = ""] = new URL(url).pathname
    .replace(/^\/+/, "")
    .replace(/\.git$/, "")
    .split("/");
  return { owner, name };
}

/**
 * GitHub App credentials: git gets an installation token minted for the one repository
 * (Contents read or write as the use needs), under `x-access-token`, with its expiry; the
 * API gets the App itself, and the GitHub integration mints what each call needs.
 * Every other kind is served by `stored`.
 */
export class GithubAppCredentialsProvider implements CredentialsProvider {
  readonly #stored: CredentialsProvider;
  readonly #apps: GithubAppTokens;

  constructor(stored: CredentialsProvider, apps: GithubAppTokens) {
    this.#stored = stored;
    this.#apps = apps;
  }

  /**
   * @throws InputError `CREDENTIAL_KIND_MISMATCH` for an SSH URL; UpstreamError `GITHUB_APP_NOT_INSTALLED`,
   *   `GITHUB_APP_INSTALLATION_SUSPENDED`, `GITHUB_APP_REPOSITORY_NOT_SELECTED`, `GITHUB_APP_REFUSED`
   */
  async gitAuthFor(use: GitCredentialUse): Promise<GitAuth> {
    if (use.secret.kind !== "github-app") return this.#stored.gitAuthFor(use);
    if (use.protocol !== "https" || use.host.kind !== "github") {
      throw new InputError(
        "CREDENTIAL_KIND_MISMATCH",
        `The credential "${use.credential.name}" is a GitHub App: it serves HTTPS URLs on a GitHub host, ` +
          `not this ${use.protocol.toUpperCase()} URL.`,
        "credential",
      );
    }
    const app: AppIdentity = { appId: use.secret.appId, privateKey: use.secret.privateKey, installationId: use.secret.installationId };
    const target = githubApiTarget(use.host);
    const { owner, name } = ownerAndName(use.url);
    if (use.check) {
      // The check's own steps say why an App cannot reach a repository; its transport shares one token per installation.
      const installation = await this.#apps.installationFor(target, app, owner).catch(() => null);
      const minted = installation && (await this.#apps.tokenFor(target, app, installation).catch(() => null));
      return minted ? { kind: "token", username: "x-access-token", token: minted.token, expiresAt: minted.expiresAt } : { kind: "none" };
    }
    const installation = await this.#apps.installationFor(target, app, owner);
    if (!installation) {
      throw new UpstreamError("GITHUB_APP_NOT_INSTALLED", `The GitHub App of "${use.credential.name}" is not installed on ${owner}.`, {
        details: { remedy: installAppRemedy(use.host.webUrl, null, owner) },
      });
    }
    const minted = await this.#apps.tokenFor(target, app, installation, {
      repository: name,
      contents: use.needs === "push" ? "write" : "read",
    });
    return { kind: "token", username: "x-access-token", token: minted.token, expiresAt: minted.expiresAt };
  }

  async apiAuthFor(use: CredentialUse): Promise<ApiAuth | null> {
    if (use.secret.kind !== "github-app") return this.#stored.apiAuthFor(use);
    return { kind: "app", appId: use.secret.appId, privateKey: use.secret.privateKey, installationId: use.secret.installationId };
  }
}
