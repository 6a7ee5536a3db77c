import { gitFailureError } from "./git-failure-error.ts";
import { parseLsRemote, type LsRemoteResult } from "./parse-ls-remote.ts";
import type { RemoteSession } from "./remote-session.ts";

/**
 * Runs `git ls-remote --symref -- <url> [patterns]` in a session and parses it.
 * @throws UpstreamError `GIT_AUTH_FAILED`, `GIT_REPO_NOT_FOUND`, `GIT_HOST_KEY_MISMATCH`, `GIT_UNREACHABLE`, `GIT_FAILED`
 */
export async function listRemoteRefs(session: RemoteSession, patterns: readonly string[] = []): Promise<LsRemoteResult> {
  const result = await session.run(["ls-remote", "--symref", "--", session.url, ...patterns]);
  if (result.code !== 0) throw gitFailureError(result.stderr, result.code, "read");
  return parseLsRemote(result.stdout);
}
