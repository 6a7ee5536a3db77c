import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { GitCliTransport } from "../../adapters/git/git-cli-transport.ts";
import { listRefsOverHttp } from "../../adapters/git/list-refs-over-http.ts";
import type { GitRemote, GitTransport } from "../../core/ports/git-transport.ts";
import { Secret } from "../../core/secret.ts";
import type { ApiClient } from "./api-client.ts";

/** Where the CLI keeps its mirror cache: REPOLINK_CACHE_DIR, else the XDG cache dir. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.REPOLINK_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "repolink"));
}

/** The git runner of the CLI, working under the cache dir; it asks HTTPS remotes for their refs in process. */
export function localGit(): { git: GitTransport; workDir: string } {
  const workDir = join(cacheDir(), "git");
  return { git: new GitCliTransport({ workDir, listRefs: listRefsOverHttp }), workDir };
}

/** A repository as the API shows it. */
export interface RepositoryInfo {
  name: string;
  host: string;
  owner: string;
  repo: string;
  url: string;
  protocol: "https" | "ssh";
}

interface GitAccessAnswer {
  repository: RepositoryInfo;
  git: { username: string; password: string; allowPrivateNetwork: boolean; caBundle: string | null };
}

/**
 * Asks the server, in one request, for a registered repository and the git remote to reach
 * it with: the server hands the token to this pipeline (an audited use, as for
 * `git-credential get`); it stays in memory.
 * @throws CliError `REPOSITORY_NOT_FOUND`, `CREDENTIAL_UNAVAILABLE`, `CHECKOUT_SSH_UNSUPPORTED` as the server answers
 */
export async function openGitAccess(api: ApiClient, target: { repository: string } | { url: string }): Promise<{ repository: RepositoryInfo; remote: GitRemote }> {
  const { repository, git } = await api.request<GitAccessAnswer>("POST", "/git-access", target);
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

/** The mirror of a repository in the cache. */
export function mirrorDirFor(repository: RepositoryInfo): string {
  return join(cacheDir(), "mirrors", repository.host, repository.owner, `${repository.repo}.git`);
}
