import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { GitMirrorSyncResult, GitOperationOptions, GitRemote } from "../../core/ports/git-transport.ts";
import { checkRefName } from "./check-ref-name.ts";
import { checkRemoteUrl } from "./check-remote-url.ts";
import { gitFailureError } from "./git-failure-error.ts";
import { listRemoteRefs } from "./list-remote-refs.ts";
import { planRefFetch } from "./plan-ref-fetch.ts";
import type { LsRemoteResult } from "./parse-ls-remote.ts";
import { deadlineOf, runLocalGit, withRemoteSession, type GitCliContext } from "./remote-session.ts";

const MIRROR_REFSPECS = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];
const locks = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier call for the same key has settled (one writer per mirror in this process). */
export async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  locks.set(key, next);
  try {
    return await next;
  } finally {
    if (locks.get(key) === next) locks.delete(key);
  }
}

/**
 * A branch or tag of the mirror; `peeled` is the object an annotated tag points to, one level down:
 * `peeledIsTag` says that object is itself a tag (a tag of a tag), whose commit lies further down.
 */
export interface MirrorRef {
  name: string;
  sha: string;
  peeled: string | null;
  peeledIsTag?: true;
}

/** What a sync did, and the mirror's branches and tags afterwards. */
export interface MirrorState extends GitMirrorSyncResult {
  refs: MirrorRef[];
}

const branchesAndTags = <T extends { name: string }>(refs: readonly T[]): T[] =>
  refs.filter((ref) => ref.name.startsWith("refs/heads/") || ref.name.startsWith("refs/tags/"));

/** The mirror's branches and tags: one `git for-each-ref`. */
export async function readMirrorRefs(
  ctx: GitCliContext,
  mirrorDir: string,
  deadline: number,
  options: GitOperationOptions = {},
): Promise<MirrorRef[]> {
  const result = await runLocalGit(
    ctx,
    ["for-each-ref", "--format=%(objectname) %(*objectname) %(*objecttype) %(refname)", "refs/heads", "refs/tags"],
    deadline,
    options,
    { env: { GIT_DIR: mirrorDir } },
  );
  if (result.code !== 0) throw gitFailureError(result.stderr, result.code, "local");
  return result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [sha = "", peeled = "", peeledType = "", name = ""] = line.split(" ");
      return { name, sha, peeled: peeled || null, ...(peeledType === "tag" ? { peeledIsTag: true as const } : {}) };
    });
}

/** The branch the mirror's HEAD names; null when HEAD is detached or missing. */
export async function readHead(mirrorDir: string): Promise<string | null> {
  const text = await readFile(join(mirrorDir, "HEAD"), "utf8").catch(() => "");
  return /^ref: (\S+)/.exec(text)?.[1] ?? null;
}

async function pointHead(
  ctx: GitCliContext,
  mirrorDir: string,
  advertised: string | null,
  deadline: number,
  options: GitOperationOptions,
): Promise<string | null> {
  const head = advertised !== null && advertised.startsWith("refs/heads/") ? checkRefName(advertised, "HEAD") : null;
  if (head === null || head === (await readHead(mirrorDir))) return head;
  const symref = await runLocalGit(ctx, ["symbolic-ref", "HEAD", head], deadline, options, { env: { GIT_DIR: mirrorDir } });
  if (symref.code !== 0) throw gitFailureError(symref.stderr, symref.code, "local");
  return head;
}

async function fetchInto(
  ctx: GitCliContext,
  remote: GitRemote,
  mirrorDir: string,
  known: LsRemoteResult | null,
  current: MirrorRef[] | null,
  deadline: number,
  options: GitOperationOptions,
): Promise<MirrorState> {
  return withRemoteSession(ctx, remote, options, deadline, async (session) => {
    const advertised = known ?? (await listRemoteRefs(session, ["HEAD", "refs/heads/*", "refs/tags/*"]));
    const created = (await stat(join(mirrorDir, "HEAD")).catch(() => null)) === null;
    // Several `repolink checkout` processes may share one cache: a new mirror is built under a
    // name of its own and renamed into place, so nobody ever sees one half made.
    const gitDir = created ? `${mirrorDir}.new-${process.pid}-${randomBytes(4).toString("hex")}` : mirrorDir;
    const env = { GIT_DIR: gitDir };
    try {
      if (created) {
        await mkdir(dirname(mirrorDir), { recursive: true });
        const init = await session.run(["init", "--bare", "--quiet", "--template=", "--", gitDir]);
        if (init.code !== 0) throw gitFailureError(init.stderr, init.code, "local");
      }
      let refs = created ? [] : (current ?? (await readMirrorRefs(ctx, gitDir, deadline, options)));
      const plan = created ? { kind: "all" as const } : planRefFetch(branchesAndTags(advertised.refs), refs);
      const fetched = plan.kind !== "none";
      if (fetched) {
        // Only the refs that moved when it can (one branch of thousands: one small negotiation), else all of them, pruned.
        const what =
          plan.kind === "some"
            ? ["--", session.url, ...plan.names.map((name) => `+${name}:${name}`)]
            : ["--prune", "--", session.url, ...MIRROR_REFSPECS];
        const fetch = await session.run(["fetch", "--no-tags", "--quiet", "--no-write-fetch-head", ...what], { env });
        if (fetch.code !== 0) throw gitFailureError(fetch.stderr, fetch.code, "read");
        refs = await readMirrorRefs(ctx, gitDir, deadline, options);
      }
      const head = await pointHead(ctx, gitDir, advertised.head, deadline, options);
      if (created && !(await moveIntoPlace(gitDir, mirrorDir))) {
        // Another process made the same mirror first: use it.
        return {
          created: false,
          fetched,
          head: await pointHead(ctx, mirrorDir, advertised.head, deadline, options),
          refs: await readMirrorRefs(ctx, mirrorDir, deadline, options),
        };
      }
      return { created, fetched, head, refs };
    } catch (error) {
      if (created) await rm(gitDir, { recursive: true, force: true });
      throw error;
    }
  });
}

/** Renames a finished mirror into place; false (and the new one removed) when one is there already. */
async function moveIntoPlace(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    await rm(from, { recursive: true, force: true });
    return false;
  }
}

/**
 * Brings the bare mirror up to date and reports its refs. The remote is asked once for its
 * refs — in process over smart HTTP when the context can (`ctx.listRefs`), else `git
 * ls-remote` — and git fetches (pruning branches and tags) only when they differ. `knownRefs` are the
 * mirror's refs as the caller last saw them (it alone writes the mirror), which saves reading them.
 * @throws UpstreamError `GIT_*`; InputError `REPO_URL_INVALID`
 */
export function syncMirrorState(
  ctx: GitCliContext,
  remote: GitRemote,
  mirrorDir: string,
  options: GitOperationOptions = {},
  knownRefs: MirrorRef[] | null = null,
): Promise<MirrorState> {
  const deadline = deadlineOf(ctx, options);
  return serialized(mirrorDir, async () => {
    const url = checkRemoteUrl(remote.url, { allowHttp: remote.allowHttp === true });
    if (ctx.listRefs === undefined || url.scheme === "ssh" || remote.auth.kind === "ssh-key")
      return fetchInto(ctx, remote, mirrorDir, null, null, deadline, options);
    const exists = (await stat(join(mirrorDir, "HEAD")).catch(() => null)) !== null;
    // The question to the remote and the look at the mirror are independent: ask both at once.
    const [advertised, refs] = await Promise.all([
      ctx.listRefs(remote, { ...options, timeoutMs: Math.max(1, deadline - Date.now()) }),
      exists ? (knownRefs ?? readMirrorRefs(ctx, mirrorDir, deadline, options)) : Promise.resolve(null),
    ]);
    if (refs !== null && planRefFetch(branchesAndTags(advertised.refs), refs).kind === "none") {
      return { created: false, fetched: false, head: await pointHead(ctx, mirrorDir, advertised.head, deadline, options), refs };
    }
    return fetchInto(ctx, remote, mirrorDir, advertised, refs, deadline, options);
  });
}

/**
 * Creates or incrementally updates the bare mirror: the remote's refs first, and a pruning
 * `fetch` of branches and tags only when they differ; HEAD follows the remote's.
 * @throws UpstreamError `GIT_*`; InputError `REPO_URL_INVALID`
 */
export async function syncMirror(
  ctx: GitCliContext,
  remote: GitRemote,
  mirrorDir: string,
  options: GitOperationOptions = {},
): Promise<GitMirrorSyncResult> {
  const { created, fetched, head } = await syncMirrorState(ctx, remote, mirrorDir, options);
  return { created, fetched, head };
}
