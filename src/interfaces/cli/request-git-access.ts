import type { GitRemote } from "../../core/ports/git-transport.ts";
import { Secret } from "../../core/secret.ts";
import type { ApiResponse } from "../../contract/api-types.ts";
import type { ApiClient } from "./api-client.ts";

/** A repository as the git access answer shows it. */
export type RepositoryInfo = ApiResponse<"POST /git-access">["repository"];

/** A registered repository and the git remote to reach it with. */
export interface GitAccess {
  repository: RepositoryInfo;
  remote: GitRemote;
}

/**
 * Asks the server, in one request, for a registered repository and the git remote to reach
 * it with: the server hands the token to this pipeline (an audited use, as for
 * `git-credential get`); it stays in memory. Light on purpose: commands start it before
 * loading git's adapter, so the round trip and the module loading overlap.
 * @throws CliError `REPOSITORY_NOT_FOUND`, `CREDENTIAL_UNAVAILABLE`, `CHECKOUT_SSH_UNSUPPORTED` as the server answers
 */
export async function requestGitAccess(
  api: ApiClient,
  target: { repository: string } | { url: string },
  access: "read" | "push" = "read",
): Promise<GitAccess> {
  const { repository, git } = await api.call("POST /git-access", { body: { ...target, access } });
  return {
    repository,
    remote: {
      url: repository.url,
      auth: { kind: "token", username: git.username, token: new Secret(git.password) },
      allowPrivateNetwork: git.allowPrivateNetwork,
      allowHttp: repository.url.startsWith("http:"),
      caBundle: git.caBundle,
    },
  };
}
