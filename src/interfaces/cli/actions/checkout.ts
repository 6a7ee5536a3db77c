import { resolve } from "node:path";
import type { ApiClient } from "../api-client.ts";
import { cliPath } from "../cli-path.ts";
import { localGit, mirrorDirFor, openGitAccess } from "../local-git.ts";
import { printResult } from "../output.ts";

function helperCommand(): string {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return `!${quote(process.execPath)} ${quote(cliPath)} git-credential`;
}

/** `repolink checkout R DIR`: a working copy through the local mirror cache, whose later `git push` asks Repolink. */
export async function checkout(api: ApiClient, json: boolean, ref: string, dir: string, gitRef: string | undefined): Promise<void> {
  const { repository, remote } = await openGitAccess(api, { repository: ref });
  const target = resolve(dir);
  // Only the helper command is written to .git/config, per repository path, never a secret.
  const workingCopyConfig = [["credential.helper", helperCommand()], ["credential.useHttpPath", "true"]] as const;
  const result = await localGit().git.checkout(remote, mirrorDirFor(repository), target, gitRef, { workingCopyConfig });
  printResult(json, { repository: repository.name, dir: target, ...result }, () =>
    `${result.updated ? "Updated" : "Checked out"} ${repository.name} at ${result.ref} (${result.sha.slice(0, 12)}) in ${target}.`,
  );
}
