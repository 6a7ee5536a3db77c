import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runGit } from "./run-git.ts";

function privateHome(workDir: string): string {
  const home = join(workDir, "home");
  mkdirSync(home, { recursive: true, mode: 0o700 });
  return home;
}

/** The URL of a working copy's `origin`, or null when it has none. */
export async function readOriginUrl(workDir: string, repoDir: string): Promise<string | null> {
  const result = await runGit({
    args: ["-C", repoDir, "config", "--local", "--get", "remote.origin.url"],
    home: privateHome(workDir),
    protocols: [],
    timeoutMs: 10_000,
  });
  return result.code === 0 ? result.stdout.trim() || null : null;
}
