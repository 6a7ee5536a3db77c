import { mkdir, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { GitMirrorSyncResult, GitOperationOptions, GitRemote } from "../../core/ports/git-transport.ts";
import { checkRefName } from "./check-ref-name.ts";
import { gitFailureError } from "./git-failure-error.ts";
import { listRemoteRefs } from "./list-remote-refs.ts";
import { deadlineOf, withRemoteSession, type GitCliContext, type RemoteSession } from "./remote-session.ts";

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

async function localRefs(session: RemoteSession, mirrorDir: string): Promise<string> {
  const result = await session.run(["for-each-ref", "--format=%(objectname)\t%(refname)", "refs/heads", "refs/tags"], { env: { GIT_DIR: mirrorDir } });
  if (result.code !== 0) throw gitFailureError(result.stderr, result.code, "local");
  return result.stdout.split("\n").filter(Boolean).sort().join("\n");
}

async function syncLocked(session: RemoteSession, mirrorDir: string): Promise<GitMirrorSyncResult> {
  const advertised = await listRemoteRefs(session, ["HEAD", "refs/heads/*", "refs/tags/*"]);
  const wanted = advertised.refs
    .filter((ref) => ref.name.startsWith("refs/heads/") || ref.name.startsWith("refs/tags/"))
    .map((ref) => `${ref.sha}\t${ref.name}`).sort().join("\n");
  const created = (await stat(mirrorDir).catch(() => null)) === null;
  const env = { GIT_DIR: mirrorDir };
  try {
    if (created) {
      await mkdir(dirname(mirrorDir), { recursive: true });
      const init = await session.run(["init", "--bare", "--quiet", "--template=", "--", mirrorDir]);
      if (init.code !== 0) throw gitFailureError(init.stderr, init.code, "local");
    }
    const fetched = created || (await localRefs(session, mirrorDir)) !== wanted;
    if (fetched) {
      const fetch = await session.run(["fetch", "--prune", "--no-tags", "--quiet", "--no-write-fetch-head", "--", session.url, ...MIRROR_REFSPECS], { env });
      if (fetch.code !== 0) throw gitFailureError(fetch.stderr, fetch.code, "read");
    }
    const head = advertised.head !== null && advertised.head.startsWith("refs/heads/") ? checkRefName(advertised.head, "HEAD") : null;
    if (head !== null) {
      const symref = await session.run(["symbolic-ref", "HEAD", head], { env });
      if (symref.code !== 0) throw gitFailureError(symref.stderr, symref.code, "local");
    }
    return { created, fetched, head };
  } catch (error) {
    if (created) await rm(mirrorDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Creates or incrementally updates the bare mirror: `ls-remote` first, and a pruning
 * `fetch` of branches and tags only when they differ; HEAD follows the remote's.
 * @throws UpstreamError `GIT_*`; InputError `REPO_URL_INVALID`
 */
export function syncMirror(ctx: GitCliContext, remote: GitRemote, mirrorDir: string, options: GitOperationOptions = {}): Promise<GitMirrorSyncResult> {
  const deadline = deadlineOf(ctx, options);
  return serialized(mirrorDir, () => withRemoteSession(ctx, remote, options, deadline, (session) => syncLocked(session, mirrorDir)));
}
