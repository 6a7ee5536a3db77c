import type { Host } from "../hosts/host.ts";

/**
 * How many segments a host's repository paths have: exactly 2 (OWNER/NAME) on GitHub;
 * undefined for any depth (GitLab's `group/sub/project`, Azure's `org/project/_git/repo`,
 * a plain Git server's `team/web` or `web`).
 */
export function repoPathDepthOf(host: Pick<Host, "kind">): number | undefined {
  return host.kind === "github" ? 2 : undefined;
}
