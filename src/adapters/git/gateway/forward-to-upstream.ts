import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { AppError, UpstreamError } from "../../../core/errors.ts";
import type { GitRemote } from "../../../core/ports/git-transport.ts";
import { checkHostAllowed, toHttpUrl } from "../../net/check-url-allowed.ts";
import { pinnedLookup } from "../list-refs-over-http.ts";
import { refAdvertisementRequest } from "../ref-advertisement-request.ts";

/** One smart-HTTP request relayed to the upstream with the stored credential. */
export interface UpstreamForward {
  /** `info/refs?service=git-receive-pack` or `git-receive-pack`. */
  endpoint: "info/refs" | "git-receive-pack";
  /** Headers of git's own request that the upstream must see (content type and encoding, Git-Protocol). */
  headers: Record<string, string>;
  body: Readable | null;
  signal: AbortSignal;
  timeoutMs: number;
}

/**
 * Sends a push request to the upstream, the request body streamed (never held whole),
 * with the credential's Basic auth. The address is checked against the SSRF policy and the
 * socket pinned to it; redirects are not followed (the answer is relayed as it is).
 * @throws UpstreamError `GIT_UNREACHABLE`, `GIT_TIMEOUT`, `HOST_ADDRESS_REFUSED`
 */
export async function forwardToUpstream(remote: GitRemote, forward: UpstreamForward): Promise<IncomingMessage> {
  const base = refAdvertisementRequest(remote, "git-receive-pack");
  const target = forward.endpoint === "info/refs" ? base.url : `${remote.url.replace(/\/+$/, "")}/git-receive-pack`;
  const url = toHttpUrl(target);
  const addresses = await checkHostAllowed(url.hostname, remote.allowPrivateNetwork);
  const client = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const headers: Record<string, string> = { ...forward.headers, "user-agent": base.headers["user-agent"] ?? "git/2 (repolink)" };
  if (base.headers.authorization) headers.authorization = base.headers.authorization;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const outgoing = client.request(url, {
      method: forward.endpoint === "info/refs" ? "GET" : "POST",
      headers,
      lookup: pinnedLookup(addresses),
      signal: forward.signal,
      ...(remote.caBundle ? { ca: remote.caBundle } : {}),
    });
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy();
    }, forward.timeoutMs);
    outgoing.on("response", (response) => {
      response.on("close", () => clearTimeout(timer));
      resolve(response);
    });
    outgoing.on("error", (error) => {
      clearTimeout(timer);
      if (timedOut) reject(new UpstreamError("GIT_TIMEOUT", "The upstream did not answer in time."));
      else if (error instanceof AppError) reject(error);
      else reject(new UpstreamError("GIT_UNREACHABLE", "The upstream could not be reached."));
    });
    if (forward.body === null) outgoing.end();
    else {
      // A body that fails (over the push limit) ends the upstream request with its own error, before any answer is relayed.
      forward.body.on("error", (error) => outgoing.destroy(error));
      forward.body.pipe(outgoing);
    }
  });
}
