import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { NotFoundError } from "../../core/errors.ts";
import type { GitOperationOptions, GitRemote } from "../../core/ports/git-transport.ts";
import { parsePushRefspec } from "./check-ref-name.ts";
import { gitFailureError } from "./git-failure-error.ts";
import { deadlineOf, runLocalGit, withRemoteSession, type GitCliContext } from "./remote-session.ts";

/**
 * Pushes one refspec from a working copy with the credential. The network push runs from a
 * throwaway bare repository that borrows the working copy's objects, so nothing in the
 * working copy's own `.git/config` (proxies, URL rewrites, hooks) applies while the
 * credential is in the environment; the remote-tracking ref is updated afterwards.
 * @throws InputError `GIT_REF_INVALID`; NotFoundError `GIT_REF_NOT_FOUND`;
 * UpstreamError `GIT_PUSH_DENIED`, `GIT_PUSH_REJECTED`, `GIT_AUTH_FAILED`…
 */
export async function pushFromWorkingCopy(
  ctx: GitCliContext,
  remote: GitRemote,
  workDir: string,
  refspec: string,
  options: GitOperationOptions = {},
): Promise<void> {
  const spec = parsePushRefspec(refspec);
  const deadline = deadlineOf(ctx, options);
  const local = async (args: string[]): Promise<string> => {
    const result = await runLocalGit(ctx, args, deadline, options, { cwd: workDir });
    if (result.code !== 0) throw gitFailureError(result.stderr, result.code, "local");
    return result.stdout.trim();
  };
  const sha = await local(["rev-parse", "--verify", "--quiet", "--end-of-options", spec.source]).catch(() => {
    throw new NotFoundError("GIT_REF_NOT_FOUND", "The ref to push was not found in the working copy.", { field: "refspec" });
  });
  const objects = await local(["rev-parse", "--path-format=absolute", "--git-path", "objects"]);
  await withRemoteSession(ctx, remote, options, deadline, async (session) => {
    const pushDir = join(session.tempDir, "push.git");
    const init = await session.run(["init", "--bare", "--quiet", "--template=", "--", pushDir]);
    if (init.code !== 0) throw gitFailureError(init.stderr, init.code, "local");
    await writeFile(join(pushDir, "objects", "info", "alternates"), `${objects}\n`);
    const pushed = await session.run(
      ["push", "--porcelain", "--no-verify", "--", session.url, `${spec.force ? "+" : ""}${sha}:${spec.destination}`],
      { env: { GIT_DIR: pushDir } },
    );
    if (pushed.code !== 0) throw gitFailureError(`${pushed.stderr}\n${pushed.stdout}`, pushed.code, "push");
  });
  if (spec.destination.startsWith("refs/heads/")) {
    await local(["update-ref", "--", `refs/remotes/origin/${spec.destination.slice("refs/heads/".length)}`, sha]).catch(() => undefined);
  }
}
