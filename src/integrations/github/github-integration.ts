import type { Integration } from "../../core/ports/integration.ts";
import { githubApiTarget, githubToken } from "./github-api-target.ts";
import type { GithubClient } from "./github-client.ts";
import { GithubConnectionChecks } from "./github-connection-checks.ts";
import { GithubCredentialChecker } from "./github-credential-checker.ts";
import { githubDotCom } from "./github-dot-com.ts";
import { githubSecretFormats } from "./github-secret-formats.ts";
import { newTokenUrl } from "./new-token-url.ts";

/** What the GitHub integration is built from. */
export interface GithubIntegrationOptions {
  /** The REST/GraphQL client (Octokit in production, a fake's client in tests). */
  client: GithubClient;
}

/**
 * github.com and GitHub Enterprise Server as a host kind: token formats, the token →
 * visibility → permission → transport check, branches and repository listing over the
 * API, the prefilled new-token pages. Its caches live in this instance.
 * @example createIntegrationRegistry([createGithubIntegration({ client: new OctokitGithubClient(…) })])
 */
export function createGithubIntegration({ client }: GithubIntegrationOptions): Integration {
  return {
    kind: "github",
    label: "GitHub",
    secrets: githubSecretFormats,
    checks: new GithubConnectionChecks(client),
    // GitHub takes any username with a token over HTTPS; this one names what it is.
    defaultGitUsername: "x-access-token",
    credentialCheck: new GithubCredentialChecker(client),
    branches: {
      listBranches: (host, auth, repository) =>
        client.listBranches(githubApiTarget(host), githubToken(auth), repository.owner, repository.repo),
    },
    listing: {
      async listReachable(host, auth, owner) {
        const found = await client.listAccessibleRepositories(githubApiTarget(host), githubToken(auth), owner);
        return found.map((info) => ({ path: `${info.owner}/${info.name}`, defaultBranch: info.defaultBranch || null }));
      },
    },
    newTokenLinks: {
      links: (host, { description, owner }) => ({
        classic: newTokenUrl(host.webUrl, { kind: "classic", description }),
        fineGrained: newTokenUrl(host.webUrl, { kind: "fine-grained", description, ...(owner ? { targetName: owner } : {}) }),
      }),
    },
    builtInHosts: [githubDotCom],
  };
}
