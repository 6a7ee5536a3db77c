import type { Secret } from "../secret.ts";

/** How git authenticates to a remote: a token over HTTPS, or an SSH key with pinned host keys. */
export type GitAuth =
  | { kind: "token"; username: string; token: Secret }
  | { kind: "ssh-key"; privateKey: Secret; passphrase: Secret | null; knownHosts: string }
  | { kind: "none" };

/** A remote repository as git reaches it. `url` never holds userinfo. */
export interface GitRemote {
  url: string;
  auth: GitAuth;
  /** From the host: whether loopback/private addresses may be contacted. */
  allowPrivateNetwork: boolean;
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

/**
 * Runs git against remotes with a stored credential, without the secret ever reaching
 * argv, a URL, `.git/config` or a file that outlives the operation.
 */
export interface GitTransport {
  /** `git ls-remote`: the refs and the symbolic HEAD. @throws UpstreamError `GIT_AUTH_FAILED`, `GIT_REPO_NOT_FOUND`, `GIT_UNREACHABLE`, `GIT_TIMEOUT` */
  lsRemote(remote: GitRemote, options?: GitOperationOptions): Promise<{ refs: GitRef[]; head: string | null }>;
}
