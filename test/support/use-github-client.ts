import type { CoreDeps } from "../../src/core/deps.ts";
import { guardedFetchForHost } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import { credentialCheckerByKind } from "../../src/integrations/credential-checker-by-kind.ts";
import { StoredCredentialsProvider } from "../../src/integrations/credentials/stored-credentials-provider.ts";
import { GithubAppCredentialsProvider } from "../../src/integrations/credentials/github-app-credentials-provider.ts";
import type { GithubAppTokens } from "../../src/integrations/github/app/github-app-tokens.ts";
import type { GithubClient } from "../../src/integrations/github/github-client.ts";
import { createGithubIntegration } from "../../src/integrations/github/github-integration.ts";
import { OctokitGithubClient } from "../../src/integrations/github/octokit-github-client.ts";
import { createIntegrationRegistry } from "../../src/integrations/integration.ts";

/** The GitHub client a runtime builds (Octokit through the guarded fetch), for tests that call GitHub directly or wrap it. */
export const runtimeGithubClient = (): OctokitGithubClient =>
  new OctokitGithubClient({ userAgent: "repolink", fetchFor: guardedFetchForHost() });

/**
 * Re-wires a runtime's integrations to talk to GitHub through `client`; with `checker`, online
 * credential checks are on; with `apps`, GitHub App credentials are served as main.ts serves them.
 */
export function useGithubClient(deps: CoreDeps, client: GithubClient, options: { checker?: boolean; apps?: GithubAppTokens } = {}): void {
  const apps = options.apps;
  deps.integrations = createIntegrationRegistry([createGithubIntegration({ client, ...(apps ? { apps } : {}) })]);
  const stored = new StoredCredentialsProvider(deps.integrations);
  deps.credentials = apps ? new GithubAppCredentialsProvider(stored, apps) : stored;
  if (options.checker) deps.checker = credentialCheckerByKind(deps.integrations);
}
