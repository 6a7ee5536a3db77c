import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "pino";
import type { GitOperationOptions, GitRemote } from "../../../core/ports/git-transport.ts";
import { checkHostAllowed } from "../../net/check-url-allowed.ts";
import { listRefsOverHttp } from "../list-refs-over-http.ts";
import { sweepLeftovers } from "../private-temp-dir.ts";
import { runLocalGit, type GitCliContext } from "../remote-session.ts";
import { readHead, syncMirrorState, type MirrorRef } from "../sync-mirror.ts";
import { CapabilityAdvertisements } from "./capability-advertisements.ts";
import { answerLsRefs, parseLsRefsRequest } from "./ls-refs-from-memory.ts";
import { PackObjectsCache } from "./pack-objects-cache.ts";

/** What one refresh of a gateway mirror did: `fetched` is true when the upstream's refs had moved and git fetched. */
export interface MirrorRefresh {
  fetched: boolean;
  created: boolean;
}

/** Options of `GatewayMirrors`. */
export interface GatewayMirrorsOptions {
  /** The server's git work dir: mirrors live in `<workDir>/gateway/`, temporary files in `<workDir>/tmp/`. */
  workDir: string;
  logger?: Logger;
  /** Budget of one refresh (the ref check and any fetch). */
  timeoutMs: number;
  gitBinary?: string;
  /** Cap of the pack-objects cache in `<workDir>/gateway-packs/`; 0 or absent: packs are generated for every request. */
  packCacheBytes?: number;
}

/**
 * The server's bare mirrors the gateway serves fetches from. `refresh` asks the upstream
 * for its refs once (one in-process smart-HTTP request) and fetches only when they moved;
 * concurrent refreshes of one mirror share a single ref check and fetch.
 */
export class GatewayMirrors {
  readonly ctx: GitCliContext;
  /** Where clones and fetches of the same objects share one generated pack; null when disabled. */
  readonly packCache: PackObjectsCache | null;
  /** Each mirror's protocol v2 capability advertisement, once git has given it. */
  readonly capabilities = new CapabilityAdvertisements();
  readonly #root: string;
  readonly #timeoutMs: number;
  readonly #inFlight = new Map<string, Promise<MirrorRefresh>>();
  // Each mirror's branches and tags after this process last brought it level: the ref check compares the
  // upstream's with them and ls-refs answers from them, without a git process per request.
  readonly #refs = new Map<string, MirrorRef[]>();

  constructor(options: GatewayMirrorsOptions) {
    const workDir = resolve(options.workDir);
    const localHome = join(workDir, "home");
    mkdirSync(localHome, { recursive: true, mode: 0o700 });
    this.#root = join(workDir, "gateway");
    mkdirSync(this.#root, { recursive: true, mode: 0o700 });
    this.#timeoutMs = options.timeoutMs;
    const packCacheBytes = options.packCacheBytes ?? 0;
    this.packCache = packCacheBytes > 0 ? new PackObjectsCache(join(workDir, "gateway-packs"), packCacheBytes, options.timeoutMs) : null;
    this.ctx = {
      workDir,
      localHome,
      gitBinary: options.gitBinary ?? "git",
      defaultTimeoutMs: options.timeoutMs,
      resolveAddress: (host, allowPrivateNetwork) => checkHostAllowed(host, allowPrivateNetwork),
      ready: sweepLeftovers(workDir).catch(() => 0),
      listRefs: listRefsOverHttp,
      ...(options.logger ? { logger: options.logger } : {}),
    };
  }

  /** The mirror of one repository, by its Repolink id (stable across renames; never from caller input). */
  dirFor(repositoryId: string): string {
    return join(this.#root, `${repositoryId.replace(/[^A-Za-z0-9-]/g, "_")}.git`);
  }

  /**
   * Git's answer to a v2 `ls-refs` request (`body`) for the mirror, from the refs its last refresh left,
   * without running git; null when git must answer (no refresh yet in this process, a detached HEAD,
   * a request the gateway does not read).
   */
  async lsRefs(mirrorDir: string, body: Buffer): Promise<Buffer | null> {
    const refs = this.#refs.get(mirrorDir);
    const request = refs === undefined ? null : parseLsRefsRequest(body);
    if (refs === undefined || request === null) return null;
    const head = await readHead(mirrorDir);
    return head === null ? null : answerLsRefs(request, head, refs);
  }

  // A clone served from a mirror without reachability bitmaps walks every commit to count objects; the
  // upstream (a repacked server) does not. One repack of a new mirror lets every clone reuse its bitmap.
  async #writeBitmaps(mirrorDir: string): Promise<void> {
    await runLocalGit(this.ctx, ["-C", mirrorDir, "repack", "-a", "-d", "-q", "--write-bitmap-index"], Date.now() + this.#timeoutMs).catch(
      (error: unknown) => this.ctx.logger?.warn({ err: error }, "gateway mirror repack failed; clones count objects without bitmaps"),
    );
  }

  /**
   * Brings the mirror level with the upstream, joining a refresh of the same mirror already under way.
   * Only a refresh that starts calls `openRemote` (opening the stored credential is an audited store
   * write): ten clones at once open it once, for the one ref check they share.
   * A new mirror is built aside and renamed into place, and fetches update refs only after their
   * objects are stored, so a reader sees the previous refs or the new ones, never half.
   * @throws UpstreamError `GIT_*`, `HOST_ADDRESS_REFUSED`; whatever `openRemote` throws
   */
  refresh(openRemote: () => Promise<GitRemote>, mirrorDir: string, options: GitOperationOptions = {}): Promise<MirrorRefresh> {
    const running = this.#inFlight.get(mirrorDir);
    if (running) return running;
    const known = this.#refs.get(mirrorDir) ?? null;
    const started = openRemote()
      .then((remote) => syncMirrorState(this.ctx, remote, mirrorDir, { timeoutMs: this.#timeoutMs, ...options }, known))
      .then(async ({ fetched, created, refs }) => {
        if (created) await this.#writeBitmaps(mirrorDir);
        this.#refs.set(mirrorDir, refs);
        return { fetched: fetched || created, created };
      })
      .catch((error: unknown) => {
        // A fetch that failed part-way may have moved some refs: read them afresh next time.
        this.#refs.delete(mirrorDir);
        throw error;
      })
      .finally(() => this.#inFlight.delete(mirrorDir));
    this.#inFlight.set(mirrorDir, started);
    return started;
  }
}
