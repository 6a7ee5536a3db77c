import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { GitRemote, GitTransport } from "../../core/ports/git-transport.ts";
import { GitCliTransport } from "../../adapters/git/git-cli-transport.ts";
import { Secret } from "../../core/secret.ts";
import type { ApiClient } from "./api-client.ts";
import { CliError, exitCodes } from "./cli-error.ts";

/** Where the CLI keeps its mirror cache: REPOLINK_CACHE_DIR, else the XDG cache dir. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.REPOLINK_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "repolink"));
}

/** The git runner of the CLI, working under the cache dir. */
export function localGit(): { git: GitTransport; workDir: string } {
  const workDir = join(cacheDir(), "git");
  return { git: new GitCliTransport({ workDir }), workDir };
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

/**
 * Builds the git remote for a registered repository: the server hands the token to this
 * pipeline (an audited use, as for `git-credential get`); it stays in memory.
 * @throws CliError when the repository is SSH-only or the server gives no credential
 */
export async function remoteFor(api: ApiClient, repository: RepositoryInfo): Promise<GitRemote> {
  if (repository.protocol !== "https") {
    throw new CliError("CHECKOUT_SSH_UNSUPPORTED", `${repository.name} is registered with an SSH URL; the CLI checks out HTTPS repositories.`, exitCodes.failure);
  }
  const url = new URL(repository.url);
  const { items: hosts } = await api.request<{ items: { name: string; allowPrivateNetwork: boolean }[] }>("GET", "/hosts");
  const input = `protocol=${url.protocol.slice(0, -1)}\nhost=${url.host}\npath=${url.pathname.replace(/^\//, "")}\n`;
  const { answer } = await api.request<{ answer: string | null }>("POST", "/git-credential/get", { input });
  const fields = new Map((answer ?? "").split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const));
  const password = fields.get("password");
  if (!password) throw new CliError("CREDENTIAL_UNAVAILABLE", `Repolink gave no credential for ${repository.name}: you may not use its credential.`, exitCodes.auth);
  return {
    url: repository.url,
    auth: { kind: "token", username: fields.get("username") ?? "x-access-token", token: new Secret(password) },
    allowPrivateNetwork: hosts.find((h) => h.name === repository.host)?.allowPrivateNetwork ?? false,
    allowHttp: url.protocol === "http:",
  };
}

/** The mirror of a repository in the cache. */
export function mirrorDirFor(repository: RepositoryInfo): string {
  return join(cacheDir(), "mirrors", repository.host, repository.owner, `${repository.repo}.git`);
}
