import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { GitCliTransport } from "../../adapters/git/git-cli-transport.ts";
import { listRefsOverHttp } from "../../adapters/git/list-refs-over-http.ts";
import { defaultRedactor } from "../../adapters/logging/secret-redactor.ts";
import { builtInTokenPatterns } from "../../integrations/built-in-secret-formats.ts";
import type { GitTransport } from "../../core/ports/git-transport.ts";
import type { RepositoryInfo } from "./request-git-access.ts";

/** Where the CLI keeps its mirror cache: REPOLINK_CACHE_DIR, else the XDG cache dir. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.REPOLINK_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "repolink"));
}

/** The git runner of the CLI, working under the cache dir; it asks HTTPS remotes for their refs in process. */
export function localGit(): { git: GitTransport; workDir: string } {
  defaultRedactor.addTokenPatterns(builtInTokenPatterns());
  const workDir = join(cacheDir(), "git");
  return { git: new GitCliTransport({ workDir, listRefs: listRefsOverHttp }), workDir };
}

/** The mirror of a repository in the cache; one fetched through the Git gateway is kept apart. */
export function mirrorDirFor(repository: RepositoryInfo, via: "direct" | "gateway" = "direct"): string {
  return join(cacheDir(), via === "gateway" ? "gateway-mirrors" : "mirrors", repository.host, repository.owner, `${repository.repo}.git`);
}
