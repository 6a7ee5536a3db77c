import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { ConflictError, InputError, NotFoundError } from "../../core/errors.ts";
import type { GitCheckoutOptions, GitCheckoutResult, GitRemote } from "../../core/ports/git-transport.ts";
import { checkRemoteUrl } from "./check-remote-url.ts";
import { checkRefName } from "./check-ref-name.ts";
import { gitFailureError } from "./git-failure-error.ts";
import { deadlineOf, runLocalGit, type GitCliContext } from "./remote-session.ts";
import { planRefFetch, type RefFetchPlan } from "./plan-ref-fetch.ts";
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
  const full = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${sha}^{commit}`], targetDir).then(
    (out) => out.trim(),
    () => null,
  );
  if (full === null) throw notFound();
  return full;
}

async function createWorkingCopy(
  git: Local,
  mirrorDir: string,
  targetDir: string,
  cleanUrl: string,
  target: Target,
  config: readonly (readonly [string, string])[],
): Promise<GitCheckoutResult> {
  const settings = config.flatMap(([key, value]) => ["--config", `${key}=${value}`]);
  // A local clone hard-links the mirror's immutable objects: no network, no shared alternates.
  const start =
    target.kind === "branch" ? ["--branch", target.branch] : target.kind === "tag" ? ["--branch", target.tag] : ["--no-checkout"];
  await git([...PARALLEL_CHECKOUT, "clone", "--quiet", "--template=", "--local", ...start, ...settings, "--", mirrorDir, targetDir]);
  await git(["config", "--", "remote.origin.url", cleanUrl], targetDir);
  if (target.kind === "branch") return { ref: `refs/heads/${target.branch}`, sha: target.sha, updated: false };
  if (target.kind === "tag") return { ref: target.ref, sha: target.sha, updated: false };
  const sha = await verifyCommit(git, targetDir, target.sha);
  await git([...PARALLEL_CHECKOUT, "checkout", "--quiet", "--detach", sha, "--"], targetDir);
  return { ref: sha, sha, updated: false };
}

/** A working copy as found: its origin and settings, where HEAD points, and its refs (branches, remote-tracking, tags). */
interface WorkingCopyState {
  config: Map<string, string>;
  head: string;
  refs: Map<string, string>;
}

async function readWorkingCopyState(git: Local, targetDir: string): Promise<WorkingCopyState> {
  const [configured, listed, head] = await Promise.all([
    git(["config", "--local", "--get-regexp", "^(remote\\.origin\\.url|credential\\..*)$"], targetDir).catch(() => ""),
    git(["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads", "refs/remotes/origin", "refs/tags"], targetDir),
    readHead(targetDir),
  ]);
  const pairs = (text: string) =>
    text
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf(" ") + 1)] as const);
  return {
    config: new Map(pairs(configured).map(([key, value]) => [key.toLowerCase(), value])),
    head,
    refs: new Map(pairs(listed).map(([sha, name]) => [name, sha])),
  };
}

/** What the working copy's remote-tracking branches and tags lack to be level with the mirror. */
function planFromMirror(mirrorRefs: readonly MirrorRef[], state: WorkingCopyState): RefFetchPlan {
  const tracked = [...state.refs]
    .filter(([name]) => (name.startsWith("refs/remotes/origin/") && name !== "refs/remotes/origin/HEAD") || name.startsWith("refs/tags/"))
    .map(([name, sha]) => ({ name: name.replace(/^refs\/remotes\/origin\//, "refs/heads/"), sha }));
  return planRefFetch(mirrorRefs, tracked);
}

/** Brings the working copy level with the mirror, fetching only the refs that moved (all of them, pruned, when one went away). */
async function fetchFromMirror(git: Local, mirrorDir: string, targetDir: string, plan: RefFetchPlan): Promise<void> {
  if (plan.kind === "none") return;
  const local = (name: string) => name.replace(/^refs\/heads\//, "refs/remotes/origin/");
  const what = plan.kind === "some" ? plan.names.map((name) => `+${name}:${local(name)}`) : FROM_MIRROR;
  await serialized(mirrorDir, () =>
    git(["fetch", ...(plan.kind === "all" ? ["--prune"] : []), "--quiet", "--no-tags", "--", mirrorDir, ...what], targetDir),
  );
}

async function updateWorkingCopy(
  ctx: GitCliContext,
  git: Local,
  mirrorDir: string,
  targetDir: string,
  mirrorRefs: readonly MirrorRef[],
  target: Target,
  state: WorkingCopyState,
  deadline: number,
  options: GitCheckoutOptions,
): Promise<GitCheckoutResult> {
  const plan = planFromMirror(mirrorRefs, state);
  if (target.kind !== "branch") {
    if (target.kind === "tag" && state.head === target.sha && plan.kind === "none")
      return { ref: target.ref, sha: target.sha, updated: true };
    await fetchFromMirror(git, mirrorDir, targetDir, plan);
    const commit = await verifyCommit(git, targetDir, target.sha);
    await git([...PARALLEL_CHECKOUT, "checkout", "--quiet", "--detach", commit, "--"], targetDir);
    return { ref: target.kind === "tag" ? target.ref : commit, sha: commit, updated: true };
  }
  const branchRef = `refs/heads/${target.branch}`;
  const trackingRef = `refs/remotes/origin/${target.branch}`;
  const local = state.refs.get(branchRef) ?? null;
  if (state.head === branchRef && local === target.sha && plan.kind === "none") return { ref: branchRef, sha: target.sha, updated: true };
  await fetchFromMirror(git, mirrorDir, targetDir, plan);
  if (local !== null && local !== target.sha) {
    const ancestor = await runLocalGit(ctx, ["merge-base", "--is-ancestor", local, target.sha], deadline, options, { cwd: targetDir });
    if (ancestor.code !== 0)
      throw new ConflictError(
        "GIT_WORKTREE_DIVERGED",
        `The local branch ${target.branch} has commits that are not on the remote; push or remove them first.`,
      );
  }
  await git([...PARALLEL_CHECKOUT, "checkout", "--quiet", "-B", target.branch, trackingRef, "--"], targetDir);
  return { ref: branchRef, sha: target.sha, updated: true };
}

/**
 * Makes a working copy from the mirror (a local clone that hard-links its objects), or
 * updates an existing one, on `ref` or the remote's default branch. The remote is asked
 * once; an up-to-date working copy costs no fetch and no checkout, and an update fetches
 * from the mirror only the refs that moved.
 * @throws InputError `GIT_REF_INVALID`, `CHECKOUT_TARGET_NOT_EMPTY`;
 * ConflictError `CHECKOUT_TARGET_MISMATCH`, `GIT_WORKTREE_DIVERGED`; NotFoundError `GIT_REF_NOT_FOUND`
 */
export async function checkoutWorkingCopy(
  ctx: GitCliContext,
  remote: GitRemote,
  mirrorDir: string,
  targetDir: string,
  ref: string | undefined,
  options: GitCheckoutOptions = {},
): Promise<GitCheckoutResult> {
  const cleanUrl = checkRemoteUrl(remote.url, { allowHttp: remote.allowHttp === true }).url;
  if (ref !== undefined) checkRefName(ref);
  const deadline = deadlineOf(ctx, options);
  const git: Local = async (args, cwd) => {
    const result = await runLocalGit(ctx, args, deadline, options, cwd === undefined ? {} : { cwd });
    if (result.code !== 0) throw gitFailureError(result.stderr, result.code, "local");
    return result.stdout;
  };
  const config = options.workingCopyConfig ?? [];
  return serialized(targetDir, async () => {
    const entries = await readdir(targetDir).catch(() => null);
    if (entries !== null && entries.length > 0 && !entries.includes(".git"))
      throw new InputError("CHECKOUT_TARGET_NOT_EMPTY", "The target directory exists and is not empty.", "dir");
    const syncing =
      options.refreshMirror === false && (await readdir(mirrorDir).catch(() => null)) !== null
        ? Promise.all([readMirrorRefs(ctx, mirrorDir, deadline, options), readFile(join(mirrorDir, "HEAD"), "utf8")]).then(
            ([refs, head]) => ({ refs, head: head.trim().replace(/^ref: /, "") }),
          )
        : syncMirrorState(ctx, remote, mirrorDir, { ...options, timeoutMs: Math.max(1, deadline - Date.now()) });
    // The working copy is read while the remote is asked: an up-to-date one then costs nothing more.
    const [mirror, state] = await Promise.all([
      syncing,
      entries?.includes(".git") ? readWorkingCopyState(git, targetDir) : Promise.resolve(null),
    ]);
    const target = resolveTarget(mirror.refs, mirror.head, ref);
    if (state === null) {
      try {
        return await serialized(mirrorDir, () => createWorkingCopy(git, mirrorDir, targetDir, cleanUrl, target, config));
      } catch (error) {
        if (entries === null) await rm(targetDir, { recursive: true, force: true });
        throw error;
      }
    }
    if (state.config.get("remote.origin.url") !== cleanUrl)
      throw new ConflictError("CHECKOUT_TARGET_MISMATCH", "The target directory is a working copy of another repository.");
    for (const [key, value] of config) {
      if (state.config.get(key.toLowerCase()) !== value) await git(["config", "--local", "--replace-all", "--", key, value], targetDir);
    }
    return updateWorkingCopy(ctx, git, mirrorDir, targetDir, mirror.refs, target, state, deadline, options);
  });
}
