import { resolve } from "node:path";
import { cliPath } from "../cli-path.ts";
import { localGit, mirrorDirFor } from "../local-git.ts";
import type { GitAccess } from "../request-git-access.ts";
import { printResult } from "../output.ts";

function helperCommand(): string {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return `!${quote(process.execPath)} ${quote(cliPath)} git-credential`;
}

/**
 * `repolink checkout R DIR [--via-gateway]`: a working copy through the local mirror cache, whose later
 * `git fetch`/`git push` ask Repolink (for the stored token, or through the gateway for this pipeline's API token).
 */
export async function checkout(
  access: Promise<GitAccess>,
  json: boolean,
  dir: string,
  gitRef: string | undefined,
  via: "direct" | "gateway" = "direct",
): Promise<void> {
  const { repository, remote } = await access;
  const target = resolve(dir);
  // Only the helper command is written to .git/config, per repository path, never a secret.
  const workingCopyConfig = [
    ["credential.helper", helperCommand()],
    ["credential.useHttpPath", "true"],
  ] as const;
  const result = await localGit().git.checkout(remote, mirrorDirFor(repository, via), target, gitRef, { workingCopyConfig });
  printResult(
    json,
    { repository: repository.name, dir: target, ...result, ...(via === "gateway" ? { gatewayUrl: remote.url } : {}) },
    () =>
      `${result.updated ? "Updated" : "Checked out"} ${repository.name} at ${result.ref} (${result.sha.slice(0, 12)}) in ${target}` +
      `${via === "gateway" ? ` through the Git gateway (${remote.url})` : ""}.`,
  );
}
