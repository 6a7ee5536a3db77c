import type { HostNetworkPolicy } from "../adapters/net/guarded-fetch-for-host.ts";
import type { IntegrationRegistry } from "../core/ports/integration.ts";
import { createGitIntegration } from "./git/git-integration.ts";
import { createGithubIntegration } from "./github/github-integration.ts";
import { OctokitGithubClient } from "./github/octokit-github-client.ts";
import type { GithubAppTokens } from "./github/app/github-app-tokens.ts";
import { createIntegrationRegistry } from "./integration.ts";

/**
 * The built-in host kinds, each reaching its hosts through the guarded fetch: the one list
 * a new host kind is added to.
 */
export function createBuiltInIntegrations(options: {
  fetchFor: (policy: HostNetworkPolicy) => typeof fetch;
  /** GitHub Apps' tokens, shared with the credentials provider that mints for git. */
  apps?: GithubAppTokens;
}): IntegrationRegistry {
  return createIntegrationRegistry([
    createGithubIntegration({
      client: new OctokitGithubClient({ userAgent: "repolink", fetchFor: options.fetchFor }),
      ...(options.apps ? { apps: options.apps } : {}),
    }),
    createGitIntegration({ fetchFor: options.fetchFor }),
  ]);
}
