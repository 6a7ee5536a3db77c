import type { GithubClient } from "../../integrations/github/github-client.ts";

/**
 * A GithubClient that answers some calls itself (facts already fetched in a batch) and
 * passes the rest to `base`, so the connection-check steps can run on them unchanged.
 */
export function githubWith(base: GithubClient, overrides: Partial<GithubClient>): GithubClient {
  return {
    inspectToken: overrides.inspectToken ?? ((...a) => base.inspectToken(...a)),
    getRepository: overrides.getRepository ?? ((...a) => base.getRepository(...a)),
    listBranches: overrides.listBranches ?? ((...a) => base.listBranches(...a)),
    listAccessibleRepositories: overrides.listAccessibleRepositories ?? ((...a) => base.listAccessibleRepositories(...a)),
  };
}
