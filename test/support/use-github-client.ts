import type { CoreDeps } from "../../src/core/deps.ts";
import { guardedFetchForHost } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import { credentialCheckerByKind } from "../../src/integrations/credential-checker-by-kind.ts";
import { StoredCredentialsProvider } from "../../src/integrations/credentials/stored-credentials-provider.ts";
import type { GithubClient } from "../../src/integrations/github/github-client.ts";
import { createGithubIntegration } from "../../src/integrations/github/github-integration.ts";
import { OctokitGithubClient } from "../../src/integrations/github/octokit-github-client.ts";
import { createIntegrationRegistry } from "../../src/integrations/integration.ts";

/** The GitHub client a runtime builds (Octokit through the guarded fetch), for tests that call GitHub directly or wrap it. */
export const runtimeGithubClient = (): OctokitGithubClient =>
  new OctokitGithubClient({ userAgent: "repolink", fetchFor: guardedFetchForHost() });

/** Re-wires a runtime's integrations to talk to GitHub through `client`; with `checker`, online credential checks are on. */
export function useGithubClient(deps: CoreDeps, client: GithubClient, options: { checker?: boolean } = {}): void {
  deps.integrations = createIntegrationRegistry([createGithubIntegration({ client })]);
  deps.credentials = new StoredCredentialsProvider(deps.integrations);
  if (options.checker) deps.checker = credentialCheckerByKind(deps.integrations);
}
