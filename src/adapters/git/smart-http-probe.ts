import { AppError, UpstreamError } from "../../core/errors.ts";
import type { TransportProbe } from "../../core/health/transport-probe.ts";
import type { GitOperationOptions, GitRef, GitRemote } from "../../core/ports/git-transport.ts";
import type { HostNetworkPolicy } from "../net/guarded-fetch-for-host.ts";
import { refAdvertisementFailure, refAdvertisementRequest } from "./ref-advertisement-request.ts";
import { parseRefAdvertisement } from "./parse-ref-advertisement.ts";

/** Options of `SmartHttpProbe`. */
export interface SmartHttpProbeOptions {
  /** The guarded fetch for a host's network policy (every request goes through it). */
  fetchFor: (policy: HostNetworkPolicy) => typeof fetch;
  /** Largest advertisement read; a bigger one is cut off (the refs read so far still count). */
  maxBytes?: number;
}

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

  /**
   * @throws UpstreamError `GIT_AUTH_FAILED`, `GIT_REPO_NOT_FOUND`, `GIT_UNREACHABLE`, `GIT_TIMEOUT`;
   * InputError `GIT_PROBE_UNSUPPORTED` for SSH
   */
  async lsRemote(remote: GitRemote, options: GitOperationOptions = {}): Promise<{ refs: GitRef[]; head: string | null }> {
    const request = refAdvertisementRequest(remote);
    const fetcher = this.#options.fetchFor({ allowPrivateNetwork: remote.allowPrivateNetwork, caBundle: remote.caBundle ?? null });
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    let response: Response;
    for (let attempt = 0; ; attempt++) {
      try {
        response = await fetcher(request.url, { headers: request.headers, signal });
        break;
      } catch (error) {
        if (timeout.aborted) throw new UpstreamError("GIT_TIMEOUT", "The remote did not answer in time.");
        // A broken connection (e.g. an idle keep-alive connection closed as it was reused) is tried once more: the request only reads.
        if (attempt === 0 && !signal.aborted && error instanceof AppError && error.code === "HOST_UNREACHABLE") continue;
        if (error instanceof AppError) throw error;
        throw new UpstreamError("GIT_UNREACHABLE", "The remote could not be reached.");
      }
    }
    const failure = refAdvertisementFailure(response.status, response.headers.get("content-type") ?? "");
    if (failure) {
      await response.body?.cancel();
      throw failure;
    }
    return parseRefAdvertisement(await readCapped(response, this.#options.maxBytes ?? 8 * 1024 * 1024));
  }
}
