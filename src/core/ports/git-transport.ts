import type { Secret } from "../secret.ts";

/** How git authenticates to a remote: a token over HTTPS, or an SSH key with pinned host keys. */
export type GitAuth =
  /** `expiresAt`: a token minted for this use (a GitHub App's installation token) that dies before its credential. */
  | { kind: "token"; username: string; token: Secret; expiresAt?: string }
  | { kind: "ssh-key"; privateKey: Secret; passphrase: Secret | null; knownHosts: string }
  | { kind: "none" };

/** A remote repository as git reaches it. `url` never holds userinfo. */
export interface GitRemote {
  url: string;
  auth: GitAuth;
  /** From the host: whether loopback/private addresses may be contacted. */
  allowPrivateNetwork: boolean;
  /** From the host: an admin registered it with an `http://` URL, so plain HTTP is allowed. */
  allowHttp?: boolean;
  caBundle?: string | null;
}

/** One ref a remote advertises. */
export interface GitRef {
  name: string;
  sha: string;
}

/** Options every git operation takes. */
export interface GitOperationOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Options of `checkout`. */
export interface GitCheckoutOptions extends GitOperationOptions {
  /** Fetch the mirror from the remote first (default true); false uses the mirror as it is. */
  refreshMirror?: boolean;
  /** Settings the working copy's `.git/config` must hold, e.g. its credential helper (never a secret). */
  workingCopyConfig?: readonly (readonly [string, string])[];
}

/** What a mirror sync did. */
export interface GitMirrorSyncResult {
  /** True when the mirror was made by this call. */
  created: boolean;
  /** False when the remote's refs already matched and nothing was fetched. */
  fetched: boolean;
  head: string | null;
}

/** The working copy a checkout left. */
export interface GitCheckoutResult {
  /** `refs/heads/<branch>` when a branch is checked out, `refs/tags/<tag>` or the commit id when detached. */
  ref: string;
  sha: string;
  /** True when an existing working copy was updated rather than made. */
  updated: boolean;
}

/**
 * Runs git against remotes with a stored credential, without the secret ever reaching
 * argv, a URL, `.git/config` or a file that outlives the operation.
 */
export interface GitTransport {
  /**
   * `git ls-remote`: the refs and the symbolic HEAD.
   * @throws UpstreamError `GIT_AUTH_FAILED`, `GIT_REPO_NOT_FOUND`, `GIT_UNREACHABLE`, `GIT_TIMEOUT`
   */
  lsRemote(remote: GitRemote, options?: GitOperationOptions): Promise<{ refs: GitRef[]; head: string | null }>;
  /**
   * Creates or incrementally fetches the bare mirror of `remote` in `mirrorDir` (branches and tags, pruned).
   * @throws UpstreamError `GIT_*`
   */
  syncMirror(remote: GitRemote, mirrorDir: string, options?: GitOperationOptions): Promise<GitMirrorSyncResult>;
  /**
   * Makes (or cheaply updates) a working copy in `targetDir` from the mirror, on `ref` or the
   * default branch; its `origin` is the clean remote URL. @throws InputError `GIT_REF_INVALID`, UpstreamError `GIT_*`
   */
  checkout(remote: GitRemote, mirrorDir: string, targetDir: string, ref?: string, options?: GitCheckoutOptions): Promise<GitCheckoutResult>;
  /**
   * Pushes `refspec` (`HEAD:refs/heads/topic`) from a working copy with the credential.
   * @throws UpstreamError `GIT_PUSH_DENIED`, `GIT_PUSH_REJECTED`, `GIT_AUTH_FAILED`
   */
  push(remote: GitRemote, workDir: string, refspec: string, options?: GitOperationOptions): Promise<void>;
}
