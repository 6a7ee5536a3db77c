import { resolve } from "node:path";
import { cliPath } from "../cli-path.ts";
import { localGit, mirrorDirFor } from "../local-git.ts";
import type { GitAccess } from "../request-git-access.ts";
import { printResult } from "../output.ts";

function helperCommand(): string {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return `!${quote(process.execPath)} ${quote(cliPath)} git-credential`;
}

/** `repolink checkout R DIR`: a working copy through the local mirror cache, whose later `git push` asks Repolink. */
export async function checkout(access: Promise<GitAccess>, json: boolean, dir: string, gitRef: string | undefined): Promise<void> {
  const { repository, remote } = await access;
  const target = resolve(dir);
  // Only the helper command is written to .git/config, per repository path, never a secret.
  const workingCopyConfig = [
    ["credential.helper", helperCommand()],
    ["credential.useHttpPath", "true"],
  ] as const;
  const result = await localGit().git.checkout(remote, mirrorDirFor(repository), target, gitRef, { workingCopyConfig });
  printResult(
    json,
    { repository: repository.name, dir: target, ...result },
    () => `${result.updated ? "Updated" : "Checked out"} ${repository.name} at ${result.ref} (${result.sha.slice(0, 12)}) in ${target}.`,
  );
}
