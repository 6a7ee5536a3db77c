import { InputError, UpstreamError } from "../../core/errors.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { ApiAuth } from "../../core/ports/credentials-provider.ts";
import type { Integration } from "../../core/ports/integration.ts";
import type { Secret } from "../../core/secret.ts";
import type { GithubAppTokens } from "./app/github-app-tokens.ts";
import { githubApiTarget, githubToken } from "./github-api-target.ts";
import type { GithubClient } from "./github-client.ts";
import { GithubConnectionChecks } from "./github-connection-checks.ts";
import { GithubCredentialChecker } from "./github-credential-checker.ts";
import { githubDotCom } from "./github-dot-com.ts";
import { githubSecretFormats } from "./github-secret-formats.ts";
import { newTokenUrl } from "./new-token-url.ts";
import { newAppUrl } from "./app/convert-app-manifest.ts";

/** What the GitHub integration is built from. */
export interface GithubIntegrationOptions {
  /** The REST/GraphQL client (Octokit in production, a fake's client in tests). */
  client: GithubClient;
  /** GitHub Apps' JWTs and installation tokens; without it App credentials are refused. */
  apps?: GithubAppTokens;
}

/** The token one API call takes: the credential's own, or for an App an installation token of `owner` (narrowed to `repo`). */
async function tokenFor(apps: GithubAppTokens | undefined, host: Host, auth: ApiAuth, owner: string, repo?: string): Promise<Secret> {
  if (auth.kind !== "app") return githubToken(auth);
  if (!apps) throw new InputError("CREDENTIAL_KIND_UNSUPPORTED", "This server was built without GitHub App support.", "credential");
  const app = { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId };
  const installation = await apps.installationFor(githubApiTarget(host), app, owner);
  if (!installation) throw new UpstreamError("GITHUB_APP_NOT_INSTALLED", `The GitHub App is not installed on ${owner}.`);
  return (await apps.tokenFor(githubApiTarget(host), app, installation, repo ? { repository: repo, contents: "read" } : undefined)).token;
}

/** What an App's installations reach (`GET /installation/repositories`), of one owner or all. */
async function appRepositories(
  client: GithubClient,
  apps: GithubAppTokens,
  host: Host,
  auth: Extract<ApiAuth, { kind: "app" }>,
  owner?: string,
) {
  if (!client.listInstallationRepositories)
    throw new InputError("CREDENTIAL_KIND_UNSUPPORTED", "This GitHub client cannot list an App's repositories.", "credential");
  const target = githubApiTarget(host);
  const app = { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId };
  const installations = owner
    ? [await apps.installationFor(target, app, owner, true)].filter((i) => i !== null)
    : await apps.installations(target, app);
  const found = [];
  for (const installation of installations.filter((i) => !i.suspended)) {
    const token = await apps.tokenFor(target, app, installation);
    found.push(...(await apps.withFreshTokenRetry(token, () => client.listInstallationRepositories!(target, token.token))));
  }
  return found;
}

/**
 * github.com and GitHub Enterprise Server as a host kind: token formats, the token →
 * visibility → permission → transport check, branches and repository listing over the
 * API, the prefilled new-token pages. Its caches live in this instance.
 * @example createIntegrationRegistry([createGithubIntegration({ client: new OctokitGithubClient(…) })])
 */
export function createGithubIntegration({ client, apps }: GithubIntegrationOptions): Integration {
  return {
    kind: "github",
    label: "GitHub",
    secrets: githubSecretFormats,
    checks: new GithubConnectionChecks(client, apps),
    // GitHub takes any username with a token over HTTPS; this one names what it is.
    defaultGitUsername: "x-access-token",
    credentialCheck: new GithubCredentialChecker(client, undefined, apps),
    branches: {
      listBranches: async (host, auth, repository) =>
        client.listBranches(
          githubApiTarget(host),
          await tokenFor(apps, host, auth, repository.owner, repository.repo),
          repository.owner,
          repository.repo,
        ),
    },
    listing: {
      async listReachable(host, auth, owner) {
        const found =
          auth.kind === "app" && apps
            ? await appRepositories(client, apps, host, auth, owner)
            : await client.listAccessibleRepositories(githubApiTarget(host), githubToken(auth), owner);
        return found.map((info) => ({
          path: `${info.owner}/${info.name}`,
          defaultBranch: info.defaultBranch || null,
          archived: info.archived,
          private: info.private,
          permission: info.permissions ? (info.permissions.admin ? "admin" : info.permissions.push ? "push" : "pull") : null,
        }));
      },
    },
    newTokenLinks: {
      links: (host, { description, owner }) => ({
        classic: newTokenUrl(host.webUrl, { kind: "classic", description }),
        fineGrained: newTokenUrl(host.webUrl, { kind: "fine-grained", description, ...(owner ? { targetName: owner } : {}) }),
      }),
    },
    ...(apps
      ? {
          appManifests: {
            newAppUrl: (host, organization) => newAppUrl(host.webUrl, organization),
            convert: (host, code) => apps.convertManifest(githubApiTarget(host), code),
          },
        }
      : {}),
    builtInHosts: [githubDotCom],
  };
}
