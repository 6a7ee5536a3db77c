import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ConflictError, InputError, NotFoundError } from "../../core/errors.ts";
import type { GitCheckoutOptions, GitCheckoutResult, GitRemote } from "../../core/ports/git-transport.ts";
import { checkRemoteUrl } from "./check-remote-url.ts";
import { checkRefName } from "./check-ref-name.ts";
import { gitFailureError } from "./git-failure-error.ts";
import { deadlineOf, runLocalGit, type GitCliContext } from "./remote-session.ts";
import { serialized, syncMirror } from "./sync-mirror.ts";

type Target = { kind: "branch"; branch: string; sha: string } | { kind: "detached"; ref: string; sha: string };

type Local = (args: string[], cwd?: string) => Promise<string>;

async function revParse(git: Local, targetDir: string, name: string): Promise<string | null> {
  return git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${name}^{commit}`], targetDir).then((out) => out.trim(), () => null);
}

async function resolveTarget(git: Local, targetDir: string, mirrorDir: string, ref: string | undefined): Promise<Target> {
  let name = ref;
  if (name === undefined) {
    const head = (await git(["symbolic-ref", "--quiet", "HEAD"], mirrorDir).catch(() => "")).trim();
    name = head.replace(/^refs\/heads\//, "") || "main";
  }
  const branch = name.replace(/^refs\/heads\//, "");
  const tracking = await revParse(git, targetDir, `refs/remotes/origin/${branch}`);
  if (tracking !== null) return { kind: "branch", branch, sha: tracking };
  const tag = name.replace(/^refs\/tags\//, "");
  const tagged = await revParse(git, targetDir, `refs/tags/${tag}`);
  if (tagged !== null) return { kind: "detached", ref: `refs/tags/${tag}`, sha: tagged };
  if (/^[0-9a-f]{7,64}$/i.test(name)) {
    const commit = await revParse(git, targetDir, name);
    if (commit !== null) return { kind: "detached", ref: commit, sha: commit };
  }
  throw new NotFoundError("GIT_REF_NOT_FOUND", "The branch, tag or commit was not found in the repository.", { field: "ref" });
}

async function prepareDir(git: Local, mirrorDir: string, targetDir: string, cleanUrl: string): Promise<boolean> {
  const entries = await readdir(targetDir).catch(() => null);
  if (entries !== null && entries.includes(".git")) {
    const origin = (await git(["config", "--get", "remote.origin.url"], targetDir).catch(() => "")).trim();
    if (origin !== cleanUrl) throw new ConflictError("CHECKOUT_TARGET_MISMATCH", "The target directory is a working copy of another repository.");
    return true;
  }
  if (entries !== null && entries.length > 0) throw new InputError("CHECKOUT_TARGET_NOT_EMPTY", "The target directory exists and is not empty.", "dir");
  // A local clone hard-links the mirror's immutable objects: no network, no shared alternates.
  await git(["clone", "--quiet", "--no-checkout", "--template=", "--local", "--", mirrorDir, targetDir]);
  await git(["config", "--", "remote.origin.url", cleanUrl], targetDir);
  return false;
}

/**
 * Makes a working copy from the mirror, or updates an existing one by fetching from the
 * mirror only, then checks out `ref` (default: the remote's default branch).
 * @throws InputError `GIT_REF_INVALID`, `CHECKOUT_TARGET_NOT_EMPTY`; ConflictError `CHECKOUT_TARGET_MISMATCH`, `GIT_WORKTREE_DIVERGED`; NotFoundError `GIT_REF_NOT_FOUND`
 */
export async function checkoutWorkingCopy(
  ctx: GitCliContext, remote: GitRemote, mirrorDir: string, targetDir: string, ref: string | undefined, options: GitCheckoutOptions = {},
): Promise<GitCheckoutResult> {
  const cleanUrl = checkRemoteUrl(remote.url, { allowHttp: remote.allowHttp === true }).url;
  if (ref !== undefined) checkRefName(ref);
  const deadline = deadlineOf(ctx, options);
  if (options.refreshMirror !== false || (await stat(join(mirrorDir, "HEAD")).catch(() => null)) === null) {
    await syncMirror(ctx, remote, mirrorDir, { ...options, timeoutMs: Math.max(1, deadline - Date.now()) });
  }
  const git: Local = async (args, cwd) => {
    const result = await runLocalGit(ctx, args, deadline, options, cwd === undefined ? {} : { cwd });
    if (result.code !== 0) throw gitFailureError(result.stderr, result.code, "local");
    return result.stdout;
  };
  return serialized(targetDir, async () => {
    const updated = await serialized(mirrorDir, () => prepareDir(git, mirrorDir, targetDir, cleanUrl));
    if (updated) {
      await serialized(mirrorDir, () => git(["fetch", "--prune", "--quiet", "--no-tags", "--", mirrorDir, "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"], targetDir));
    }
    const target = await resolveTarget(git, targetDir, mirrorDir, ref);
    if (target.kind === "detached") {
      await git(["checkout", "--quiet", "--detach", target.sha, "--"], targetDir);
      return { ref: target.ref, sha: target.sha, updated };
    }
    const local = await revParse(git, targetDir, `refs/heads/${target.branch}`);
    if (local !== null && local !== target.sha) {
      const ancestor = await runLocalGit(ctx, ["merge-base", "--is-ancestor", local, target.sha], deadline, options, { cwd: targetDir });
      if (ancestor.code !== 0) throw new ConflictError("GIT_WORKTREE_DIVERGED", `The local branch ${target.branch} has commits that are not on the remote; push or remove them first.`);
    }
    await git(["checkout", "--quiet", "-B", target.branch, `refs/remotes/origin/${target.branch}`, "--"], targetDir);
    return { ref: `refs/heads/${target.branch}`, sha: target.sha, updated };
  });
}
