import { UpstreamError } from "../../core/errors.ts";
import type { GitRemote } from "../../core/ports/git-transport.ts";
import type { ErrorCode } from "../../shared/error-codes.ts";

/** The one request that learns a smart-HTTP remote's refs: what `git ls-remote` asks first. */
export interface RefAdvertisementRequest {
  url: string;
  headers: Record<string, string>;
}

const failures: Record<number, [ErrorCode, string]> = {
  401: ["GIT_AUTH_FAILED", "The remote refused the credential (wrong, revoked or expired, or not allowed for this repository)."],
  403: ["GIT_AUTH_FAILED", "The remote refused the credential for this repository (permission, SAML single sign-on or IP allow list)."],
  404: ["GIT_REPO_NOT_FOUND", "The repository was not found on the remote, or the credential may not see it."],
};

/** The two smart-HTTP services: fetch (`git-upload-pack`) and push (`git-receive-pack`). */
export type GitService = "git-upload-pack" | "git-receive-pack";

/**
 * Builds `GET <repo>/info/refs?service=<service>` with Basic auth for a token remote; a server
 * answers the receive-pack one only to a credential that may push.
 * https://git-scm.com/docs/http-protocol#_smart_clients
 * @throws UpstreamError `GIT_PROBE_UNSUPPORTED` for SSH, `GIT_UNREACHABLE` for plain HTTP the host does not allow
 */
export function refAdvertisementRequest(remote: GitRemote, service: GitService = "git-upload-pack"): RefAdvertisementRequest {
  if (remote.auth.kind === "ssh-key" || !/^https?:\/\//.test(remote.url))
    throw new UpstreamError("GIT_PROBE_UNSUPPORTED", "Only HTTPS remotes can be probed over smart HTTP.");
  if (remote.url.startsWith("http:") && remote.allowHttp !== true)
    throw new UpstreamError("GIT_UNREACHABLE", "The remote uses plain HTTP, which this host does not allow.");
  const headers: Record<string, string> = { "user-agent": "git/2 (repolink)", accept: "*/*", pragma: "no-cache" };
  if (remote.auth.kind === "token")
    headers.authorization = `Basic ${Buffer.from(`${remote.auth.username}:${remote.auth.token.reveal()}`).toString("base64")}`;
  return { url: `${remote.url.replace(/\/+$/, "")}/info/refs?service=${service}`, headers };
}

/** The error for a ref advertisement answered with `status` and `contentType`, or null when it is one. */
export function refAdvertisementFailure(
  status: number,
  contentType: string,
  service: GitService = "git-upload-pack",
): UpstreamError | null {
  if (status !== 200) {
    const [code, message] = failures[status] ?? ["GIT_UNREACHABLE", `The remote answered HTTP ${status}.`];
    return new UpstreamError(code, message, { details: { status } });
  }
  if (!contentType.includes(`application/x-${service}-advertisement`)) {
    return new UpstreamError("GIT_UNREACHABLE", "The remote did not answer like a Git smart-HTTP server.");
  }
  return null;
}
