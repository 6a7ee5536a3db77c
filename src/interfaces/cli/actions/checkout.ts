import { resolve } from "node:path";
import { useCredentialHelper } from "../../../adapters/git/working-copy-config.ts";
import type { ApiClient } from "../api-client.ts";
import { cliPath } from "../cli-path.ts";
import { localGit, mirrorDirFor, remoteFor, type RepositoryInfo } from "../local-git.ts";
import { printResult } from "../output.ts";

function helperCommand(): string {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return `!${quote(process.execPath)} ${quote(cliPath)} git-credential`;
}

/** `repolink checkout R DIR`: a working copy through the local mirror cache, whose later `git push` asks Repolink. */
export async function checkout(api: ApiClient, json: boolean, ref: string, dir: string, gitRef: string | undefined): Promise<void> {
  const { repository } = await api.request<{ repository: RepositoryInfo }>("GET", `/repositories/${encodeURIComponent(ref)}`);
  const remote = await remoteFor(api, repository);
  const { git, workDir } = localGit();
  const target = resolve(dir);
  const result = await git.checkout(remote, mirrorDirFor(repository), target, gitRef);
  await useCredentialHelper(workDir, target, helperCommand());
  printResult(json, { repository: repository.name, dir: target, ...result }, () =>
    `${result.updated ? "Updated" : "Checked out"} ${repository.name} at ${result.ref} (${result.sha.slice(0, 12)}) in ${target}.`,
  );
}
