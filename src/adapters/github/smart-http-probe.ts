import { AppError, UpstreamError } from "../../core/errors.ts";
import type { TransportProbe } from "../../core/health/transport-probe.ts";
import type { GitOperationOptions, GitRef, GitRemote } from "../../core/ports/git-transport.ts";
import type { HostNetworkPolicy } from "../net/guarded-fetch-for-host.ts";
import { parseRefAdvertisement } from "./parse-ref-advertisement.ts";

/** Options of `SmartHttpProbe`. */
export interface SmartHttpProbeOptions {
  /** The guarded fetch for a host's network policy (every request goes through it). */
  fetchFor: (policy: HostNetworkPolicy) => typeof fetch;
  /** Largest advertisement read; a bigger one is cut off (the refs read so far still count). */
  maxBytes?: number;
}

const failures: Record<number, [string, string]> = {
  401: ["GIT_AUTH_FAILED", "The remote refused the credential (wrong, revoked or expired, or not allowed for this repository)."],
  403: ["GIT_AUTH_FAILED", "The remote refused the credential for this repository (permission, SAML single sign-on or IP allow list)."],
  404: ["GIT_REPO_NOT_FOUND", "The repository was not found on the remote, or the credential may not see it."],
};

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    size += value.length;
    if (size >= maxBytes) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks);
}

/**
 * The transport check as one `GET <repo>/info/refs?service=git-upload-pack` with Basic auth,
 * through the guarded fetch: what `git ls-remote` learns, without a git process per repository.
 */
export class SmartHttpProbe implements TransportProbe {
  readonly #options: SmartHttpProbeOptions;

  constructor(options: SmartHttpProbeOptions) {
    this.#options = options;
  }

  /** @throws UpstreamError `GIT_AUTH_FAILED`, `GIT_REPO_NOT_FOUND`, `GIT_UNREACHABLE`, `GIT_TIMEOUT`; InputError `GIT_PROBE_UNSUPPORTED` for SSH */
  async lsRemote(remote: GitRemote, options: GitOperationOptions = {}): Promise<{ refs: GitRef[]; head: string | null }> {
    if (remote.auth.kind === "ssh-key" || !/^https?:\/\//.test(remote.url)) throw new UpstreamError("GIT_PROBE_UNSUPPORTED", "Only HTTPS remotes can be probed over smart HTTP.");
    if (remote.url.startsWith("http:") && remote.allowHttp !== true) throw new UpstreamError("GIT_UNREACHABLE", "The remote uses plain HTTP, which this host does not allow.");
    const headers: Record<string, string> = { "user-agent": "git/2 (repolink)", accept: "*/*", pragma: "no-cache" };
    if (remote.auth.kind === "token") headers.authorization = `Basic ${Buffer.from(`${remote.auth.username}:${remote.auth.token.reveal()}`).toString("base64")}`;
    const fetcher = this.#options.fetchFor({ allowPrivateNetwork: remote.allowPrivateNetwork, caBundle: remote.caBundle ?? null });
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    let response: Response;
    try {
      response = await fetcher(`${remote.url.replace(/\/+$/, "")}/info/refs?service=git-upload-pack`, { headers, signal });
    } catch (error) {
      if (timeout.aborted) throw new UpstreamError("GIT_TIMEOUT", "The remote did not answer in time.");
      if (error instanceof AppError) throw error;
      throw new UpstreamError("GIT_UNREACHABLE", "The remote could not be reached.");
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      const [code, message] = failures[response.status] ?? ["GIT_UNREACHABLE", `The remote answered HTTP ${response.status}.`];
      throw new UpstreamError(code, message, { details: { status: response.status } });
    }
    if (!/application\/x-git-upload-pack-advertisement/.test(response.headers.get("content-type") ?? "")) {
      await response.body?.cancel();
      throw new UpstreamError("GIT_UNREACHABLE", "The remote did not answer like a Git smart-HTTP server.");
    }
    return parseRefAdvertisement(await readCapped(response, this.#options.maxBytes ?? 8 * 1024 * 1024));
  }
}
