import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** An environment for `git` that ignores the machine's config and the parent's GIT_* variables. */
export function isolatedGitEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Fake Author",
    GIT_AUTHOR_EMAIL: "author@fake.test",
    GIT_COMMITTER_NAME: "Fake Committer",
    GIT_COMMITTER_EMAIL: "committer@fake.test",
    ...extra,
  };
}

/** Runs `git` with the isolated environment; resolves with stdout. */
export async function git(home: string, args: string[], options: { cwd?: string; input?: string } = {}): Promise<string> {
  const child = run("git", args, { cwd: options.cwd, env: isolatedGitEnv(home), maxBuffer: 16 * 1024 * 1024 });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  const { stdout } = await child;
  return stdout;
}
