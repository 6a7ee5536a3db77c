import { resolve } from "node:path";
import { readOriginUrl } from "../../../adapters/git/working-copy-config.ts";
import type { ApiClient } from "../api-client.ts";
import { CliError, exitCodes } from "../cli-error.ts";
import { localGit } from "../local-git.ts";
import { requestGitAccess } from "../request-git-access.ts";
import { printResult } from "../output.ts";

/** `repolink push DIR`: pushes a working copy of a registered repository with its stored credential. */
export async function push(api: ApiClient, json: boolean, dir: string, refspec: string): Promise<void> {
  const { git, workDir } = localGit();
  const target = resolve(dir);
  const origin = await readOriginUrl(workDir, target);
  if (!origin) throw new CliError("NOT_A_CHECKOUT", `${target} has no origin remote.`, exitCodes.usage, { field: "dir" });
  const { repository, remote } = await requestGitAccess(api, { url: origin }, "push");
  await git.push(remote, target, refspec);
  printResult(json, { repository: repository.name, pushed: refspec }, () => `Pushed ${refspec} to ${repository.name}.`);
}
