import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "pino";
import type {
  GitCheckoutOptions,
  GitCheckoutResult,
  GitMirrorSyncResult,
  GitOperationOptions,
  GitRef,
  GitRemote,
  GitTransport,
} from "../../core/ports/git-transport.ts";
import { checkHostAllowed } from "../net/check-url-allowed.ts";
import { checkoutWorkingCopy } from "./checkout-working-copy.ts";
import { listRemoteRefs } from "./list-remote-refs.ts";
import { sweepLeftovers } from "./private-temp-dir.ts";
import { pushFromWorkingCopy } from "./push-from-working-copy.ts";
import { deadlineOf, withRemoteSession, type AddressResolver, type GitCliContext } from "./remote-session.ts";
import { syncMirror } from "./sync-mirror.ts";

/** Options of `GitCliTransport`. */
export interface GitCliTransportOptions {
  /** Where temporary key files (`tmp/`) and the private HOME live; mirrors may live elsewhere. */
  workDir: string;
  logger?: Logger;
  gitBinary?: string;
  /** Budget of one whole operation; 10 minutes when unset. */
  defaultTimeoutMs?: number;
  /** Checks a host against the SSRF policy before git connects; the guarded fetch's check by default. */
  resolveAddress?: AddressResolver;
  /** Asks an HTTP(S) remote for its refs in process before a mirror sync (e.g. `listRefsOverHttp`); `git ls-remote` otherwise. */
  listRefs?: GitCliContext["listRefs"];
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The git adapter: the real `git` CLI with an allowlisted environment, the credential
 * passed only through the environment or 0600 temp files, and a bare mirror per repository.
 * @example const git = new GitCliTransport({ workDir: "/var/lib/repolink/git" });
 */
export class GitCliTransport implements GitTransport {
  readonly #ctx: GitCliContext;

  constructor(options: GitCliTransportOptions) {
    const workDir = resolve(options.workDir);
    const localHome = join(workDir, "home");
    mkdirSync(localHome, { recursive: true, mode: 0o700 });
    this.#ctx = {
      workDir,
      localHome,
      gitBinary: options.gitBinary ?? "git",
      defaultTimeoutMs: options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      resolveAddress: options.resolveAddress ?? ((host, allowPrivateNetwork) => checkHostAllowed(host, allowPrivateNetwork)),
      ready: sweepLeftovers(workDir).catch(() => 0),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.listRefs ? { listRefs: options.listRefs } : {}),
    };
  }

  /** Settles once the temporary directories left by killed processes were removed. */
  ready(): Promise<unknown> {
    return this.#ctx.ready;
  }

  lsRemote(remote: GitRemote, options: GitOperationOptions = {}): Promise<{ refs: GitRef[]; head: string | null }> {
    return withRemoteSession(this.#ctx, remote, options, deadlineOf(this.#ctx, options), (session) => listRemoteRefs(session));
  }

  syncMirror(remote: GitRemote, mirrorDir: string, options: GitOperationOptions = {}): Promise<GitMirrorSyncResult> {
    return syncMirror(this.#ctx, remote, resolve(mirrorDir), options);
  }

  checkout(
    remote: GitRemote,
    mirrorDir: string,
    targetDir: string,
    ref?: string,
    options: GitCheckoutOptions = {},
  ): Promise<GitCheckoutResult> {
    return checkoutWorkingCopy(this.#ctx, remote, resolve(mirrorDir), resolve(targetDir), ref, options);
  }

  push(remote: GitRemote, workDir: string, refspec: string, options: GitOperationOptions = {}): Promise<void> {
    return pushFromWorkingCopy(this.#ctx, remote, resolve(workDir), refspec, options);
  }
}
