import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { UpstreamError } from "../../core/errors.ts";
import { runGit } from "./run-git.ts";

function privateHome(workDir: string): string {
  const home = join(workDir, "home");
  mkdirSync(home, { recursive: true, mode: 0o700 });
  return home;
}

/**
 * Makes a working copy ask `helperCommand` (e.g. `!/usr/bin/node /…/repolink.js git-credential`)
 * for credentials, per repository path, so a plain `git push` later goes through Repolink.
 * Only the command is written to `.git/config`, never a secret.
 */
export async function useCredentialHelper(workDir: string, repoDir: string, helperCommand: string): Promise<void> {
  const home = privateHome(workDir);
  for (const [key, value] of [["credential.helper", helperCommand], ["credential.useHttpPath", "true"]] as const) {
    const result = await runGit({ args: ["-C", repoDir, "config", "--local", "--replace-all", key, value], home, protocols: [], timeoutMs: 10_000 });
    if (result.code !== 0) throw new UpstreamError("GIT_FAILED", `git config ${key} failed in the working copy.`);
  }
}

/** The URL of a working copy's `origin`, or null when it has none. */
export async function readOriginUrl(workDir: string, repoDir: string): Promise<string | null> {
  const result = await runGit({ args: ["-C", repoDir, "config", "--local", "--get", "remote.origin.url"], home: privateHome(workDir), protocols: [], timeoutMs: 10_000 });
  return result.code === 0 ? result.stdout.trim() || null : null;
}
