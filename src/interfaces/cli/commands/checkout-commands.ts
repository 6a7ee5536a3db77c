import type { Command } from "commander";
import { resolve } from "node:path";
import { readOriginUrl, useCredentialHelper } from "../../../adapters/git/working-copy-config.ts";
import { cliPath } from "../cli-path.ts";
import { CliError, exitCodes } from "../cli-error.ts";
import { commandContext } from "../command-context.ts";
import { localGit, mirrorDirFor, remoteFor, type RepositoryInfo } from "../local-git.ts";
import { printResult } from "../output.ts";

function helperCommand(): string {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return `!${quote(process.execPath)} ${quote(cliPath)} git-credential`;
}

/** `repolink checkout R DIR [--ref REF]` and `repolink push DIR [--refspec S]`. */
export function registerCheckoutCommands(program: Command): void {
  program
    .command("checkout <repository> <dir>")
    .description("Check out a registered repository through the local mirror cache; later `git push` goes through Repolink")
    .option("--ref <ref>", "branch, tag or commit (default: the default branch)")
    .action(async (ref: string, dir: string, opts: { ref?: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const { repository } = await api.request<{ repository: RepositoryInfo }>("GET", `/repositories/${encodeURIComponent(ref)}`);
      const remote = await remoteFor(api, repository);
      const { git, workDir } = localGit();
      const target = resolve(dir);
      const result = await git.checkout(remote, mirrorDirFor(repository), target, opts.ref);
      await useCredentialHelper(workDir, target, helperCommand());
      printResult(json, { repository: repository.name, dir: target, ...result }, () =>
        `${result.updated ? "Updated" : "Checked out"} ${repository.name} at ${result.ref} (${result.sha.slice(0, 12)}) in ${target}.`,
      );
    });

  program
    .command("push <dir>")
    .description("Push from a working copy of a registered repository with its stored credential")
    .option("--refspec <refspec>", "what to push", "HEAD")
    .action(async (dir: string, opts: { refspec: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const { git, workDir } = localGit();
      const target = resolve(dir);
      const origin = await readOriginUrl(workDir, target);
      if (!origin) throw new CliError("NOT_A_CHECKOUT", `${target} has no origin remote.`, exitCodes.usage, { field: "dir" });
      const { items } = await api.request<{ items: RepositoryInfo[] }>("GET", "/repositories");
      const repository = items.find((r) => r.url === origin);
      if (!repository) throw new CliError("REPOSITORY_NOT_FOUND", `No registered repository you can use has the URL of ${target}'s origin.`, exitCodes.failure);
      await git.push(await remoteFor(api, repository), target, opts.refspec);
      printResult(json, { repository: repository.name, pushed: opts.refspec }, () => `Pushed ${opts.refspec} to ${repository.name}.`);
    });
}
