import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { ConflictError, InputError, NotFoundError } from "../../core/errors.ts";
import type { GitCheckoutOptions, GitCheckoutResult, GitRemote } from "../../core/ports/git-transport.ts";
import { checkRemoteUrl } from "./check-remote-url.ts";
import { checkRefName } from "./check-ref-name.ts";
import { gitFailureError } from "./git-failure-error.ts";
import { deadlineOf, runLocalGit, type GitCliContext } from "./remote-session.ts";
import { readMirrorRefs, serialized, syncMirrorState, type MirrorRef } from "./sync-mirror.ts";

type Target =
  | { kind: "branch"; branch: string; sha: string }
  | { kind: "tag"; ref: string; tag: string; sha: string }
  | { kind: "commit"; sha: string };

type Local = (args: string[], cwd?: string) => Promise<string>;

// Writing a large tree is what a new working copy costs: let git use every core for it.
const PARALLEL_CHECKOUT = ["-c", "checkout.workers=0"];
const FROM_MIRROR = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"];

function notFound(): NotFoundError {
  return new NotFoundError("GIT_REF_NOT_FOUND", "The branch, tag or commit was not found in the repository.", { field: "ref" });
}

function resolveTarget(refs: readonly MirrorRef[], head: string | null, ref: string | undefined): Target {
  const name = ref ?? (head?.replace(/^refs\/heads\//, "") || "main");
  const byName = new Map(refs.map((r) => [r.name, r]));
  const branch = name.replace(/^refs\/heads\//, "");
  const tracking = byName.get(`refs/heads/${branch}`);
  if (tracking) return { kind: "branch", branch, sha: tracking.sha };
  const tag = name.replace(/^refs\/tags\//, "");
  const tagged = byName.get(`refs/tags/${tag}`);
  if (tagged) return { kind: "tag", ref: `refs/tags/${tag}`, tag, sha: tagged.peeled ?? tagged.sha };
  if (/^[0-9a-f]{7,64}$/i.test(name)) return { kind: "commit", sha: name.toLowerCase() };
  throw notFound();
}

/** What HEAD of a working copy names: a branch (`refs/heads/x`) or, detached, a commit id. */
async function readHead(targetDir: string): Promise<string> {
  return (await readFile(join(targetDir, ".git", "HEAD"), "utf8").catch(() => "")).trim().replace(/^ref: /, "");
}

async function verifyCommit(git: Local, targetDir: string, sha: string): Promise<string> {
  const full = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${sha}^{commit}`], targetDir).then((out) => out.trim(), () => null);
  if (full === null) throw notFound();
  return full;
}

async function createWorkingCopy(
  git: Local, mirrorDir: string, targetDir: string, cleanUrl: string, target: Target, config: readonly (readonly [string, string])[],
): Promise<GitCheckoutResult> {
  const settings = config.flatMap(([key, value]) => ["--config", `${key}=${value}`]);
  // A local clone hard-links the mirror's immutable objects: no network, no shared alternates.
  const start = target.kind === "branch" ? ["--branch", target.branch] : target.kind === "tag" ? ["--branch", target.tag] : ["--no-checkout"];
  await git([...PARALLEL_CHECKOUT, "clone", "--quiet", "--template=", "--local", ...start, ...settings, "--", mirrorDir, targetDir]);
  await git(["config", "--", "remote.origin.url", cleanUrl], targetDir);
  if (target.kind === "branch") return { ref: `refs/heads/${target.branch}`, sha: target.sha, updated: false };
  if (target.kind === "tag") return { ref: target.ref, sha: target.sha, updated: false };
  const sha = await verifyCommit(git, targetDir, target.sha);
  await git([...PARALLEL_CHECKOUT, "checkout", "--quiet", "--detach", sha, "--"], targetDir);
  return { ref: sha, sha, updated: false };
}

async function readWorkingCopyConfig(git: Local, targetDir: string): Promise<Map<string, string>> {
  const out = await git(["config", "--local", "--get-regexp", "^(remote\\.origin\\.url|credential\\..*)$"], targetDir).catch(() => "");
  return new Map(out.split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf(" ")).toLowerCase(), line.slice(line.indexOf(" ") + 1)] as const));
}

async function updateWorkingCopy(
  ctx: GitCliContext, git: Local, mirrorDir: string, targetDir: string, target: Target, deadline: number, options: GitCheckoutOptions,
): Promise<GitCheckoutResult> {
  const head = await readHead(targetDir);
  const fetchFromMirror = () => serialized(mirrorDir, () => git(["fetch", "--prune", "--quiet", "--no-tags", "--", mirrorDir, ...FROM_MIRROR], targetDir));
  if (target.kind !== "branch") {
    if (target.kind === "tag" && head === target.sha) return { ref: target.ref, sha: target.sha, updated: true };
    await fetchFromMirror();
    const commit = await verifyCommit(git, targetDir, target.sha);
    await git([...PARALLEL_CHECKOUT, "checkout", "--quiet", "--detach", commit, "--"], targetDir);
    return { ref: target.kind === "tag" ? target.ref : commit, sha: commit, updated: true };
  }
  const branchRef = `refs/heads/${target.branch}`;
  const trackingRef = `refs/remotes/origin/${target.branch}`;
  const listed = await git(["for-each-ref", "--format=%(objectname) %(refname)", branchRef, trackingRef], targetDir);
  const shas = new Map(listed.split("\n").filter(Boolean).map((line) => [line.slice(line.indexOf(" ") + 1), line.slice(0, line.indexOf(" "))] as const));
  const local = shas.get(branchRef) ?? null;
  if (head === branchRef && local === target.sha && shas.get(trackingRef) === target.sha) return { ref: branchRef, sha: target.sha, updated: true };
  if (shas.get(trackingRef) !== target.sha) await fetchFromMirror();
  if (local !== null && local !== target.sha) {
    const ancestor = await runLocalGit(ctx, ["merge-base", "--is-ancestor", local, target.sha], deadline, options, { cwd: targetDir });
    if (ancestor.code !== 0) throw new ConflictError("GIT_WORKTREE_DIVERGED", `The local branch ${target.branch} has commits that are not on the remote; push or remove them first.`);
  }
  await git([...PARALLEL_CHECKOUT, "checkout", "--quiet", "-B", target.branch, trackingRef, "--"], targetDir);
  return { ref: branchRef, sha: target.sha, updated: true };
}

/**
 * Makes a working copy from the mirror (a local clone that hard-links its objects), or
 * updates an existing one, on `ref` or the remote's default branch. The remote is asked
 * once; an up-to-date working copy costs no fetch and no checkout.
 * @throws InputError `GIT_REF_INVALID`, `CHECKOUT_TARGET_NOT_EMPTY`; ConflictError `CHECKOUT_TARGET_MISMATCH`, `GIT_WORKTREE_DIVERGED`; NotFoundError `GIT_REF_NOT_FOUND`
 */
export async function checkoutWorkingCopy(
  ctx: GitCliContext, remote: GitRemote, mirrorDir: string, targetDir: string, ref: string | undefined, options: GitCheckoutOptions = {},
): Promise<GitCheckoutResult> {
  const cleanUrl = checkRemoteUrl(remote.url, { allowHttp: remote.allowHttp === true }).url;
  if (ref !== undefined) checkRefName(ref);
  const deadline = deadlineOf(ctx, options);
  const git: Local = async (args, cwd) => {
    const result = await runLocalGit(ctx, args, deadline, options, cwd === undefined ? {} : { cwd });
    if (result.code !== 0) throw gitFailureError(result.stderr, result.code, "local");
    return result.stdout;
  };
  const mirror = options.refreshMirror === false && (await readdir(mirrorDir).catch(() => null)) !== null
    ? { refs: await readMirrorRefs(ctx, mirrorDir, deadline, options), head: (await readFile(join(mirrorDir, "HEAD"), "utf8")).trim().replace(/^ref: /, "") }
    : await syncMirrorState(ctx, remote, mirrorDir, { ...options, timeoutMs: Math.max(1, deadline - Date.now()) });
  const target = resolveTarget(mirror.refs, mirror.head, ref);
  const config = options.workingCopyConfig ?? [];
  return serialized(targetDir, async () => {
    const entries = await readdir(targetDir).catch(() => null);
    if (entries === null || entries.length === 0) {
      try {
        return await serialized(mirrorDir, () => createWorkingCopy(git, mirrorDir, targetDir, cleanUrl, target, config));
      } catch (error) {
        if (entries === null) await rm(targetDir, { recursive: true, force: true });
        throw error;
      }
    }
    if (!entries.includes(".git")) throw new InputError("CHECKOUT_TARGET_NOT_EMPTY", "The target directory exists and is not empty.", "dir");
    const current = await readWorkingCopyConfig(git, targetDir);
    if (current.get("remote.origin.url") !== cleanUrl) throw new ConflictError("CHECKOUT_TARGET_MISMATCH", "The target directory is a working copy of another repository.");
    for (const [key, value] of config) {
      if (current.get(key.toLowerCase()) !== value) await git(["config", "--local", "--replace-all", "--", key, value], targetDir);
    }
    return updateWorkingCopy(ctx, git, mirrorDir, targetDir, target, deadline, options);
  });
}
