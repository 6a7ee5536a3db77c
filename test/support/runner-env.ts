import { join } from "node:path";
import { isolatedGitEnv } from "../github-fake/git-env.ts";

/**
 * A pipeline runner's environment: its own HOME (with its own ~/.gitconfig, as a runner has) and git identity, Repolink's
 * URL and a pipeline API token — nothing else.
 */
export function runnerEnv(home: string, serverUrl: string, apiToken: string): NodeJS.ProcessEnv {
  return isolatedGitEnv(home, {
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    REPOLINK_SERVER: serverUrl,
    REPOLINK_TOKEN: apiToken,
    REPOLINK_CLI_CONFIG: join(home, "none.json"),
    REPOLINK_CACHE_DIR: join(home, "cache"),
  });
}
