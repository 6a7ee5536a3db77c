import type { IncomingMessage } from "node:http";
import type { LookupFunction } from "node:net";
import { AppError, UpstreamError } from "../../core/errors.ts";
import type { GitOperationOptions, GitRef, GitRemote } from "../../core/ports/git-transport.ts";
import { parseRefAdvertisement } from "./parse-ref-advertisement.ts";
import { checkHostAllowed, toHttpUrl } from "../net/check-url-allowed.ts";
import type { ResolvedAddress } from "../net/resolve-allowed-addresses.ts";
import { refAdvertisementFailure, refAdvertisementRequest } from "./ref-advertisement-request.ts";

const MAX_BYTES = 8 * 1024 * 1024;

/** A lookup that answers only with the addresses already checked against the SSRF policy (DNS rebinding: SECURITY 25). */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (first === undefined) callback(Object.assign(new Error("no allowed address"), { code: "ENOTFOUND" }), "");
    else if (options.all === true) callback(null, [...addresses]);
    else callback(null, first.address, first.family);
  };
}

function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) {
        response.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    response.on("end", () => resolve(Buffer.concat(chunks)));
    response.on("error", reject);
  });
}

/**
 * `git ls-remote` as one in-process smart-HTTP request with node's own http client: every
 * address is checked as it is connected to (the guarded lookup), redirects are refused,
 * and nothing is spawned. The CLI uses it to ask whether its mirror is current.
 * @throws UpstreamError `GIT_AUTH_FAILED`, `GIT_REPO_NOT_FOUND`, `GIT_UNREACHABLE`,
 * `GIT_TIMEOUT`, `GIT_PROBE_UNSUPPORTED`, `HOST_ADDRESS_REFUSED`
 */
export async function listRefsOverHttp(
  remote: GitRemote,
  options: GitOperationOptions = {},
): Promise<{ refs: GitRef[]; head: string | null }> {
  const request = refAdvertisementRequest(remote);
  const url = toHttpUrl(request.url);
  // IP literals never reach a lookup function, so the address is checked here and the socket pinned to it.
  const addresses = await checkHostAllowed(url.hostname, remote.allowPrivateNetwork);
  const client = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const outgoing = client.request(
      url,
      {
        method: "GET",
        headers: request.headers,
        lookup: pinnedLookup(addresses),
        ...(remote.caBundle ? { ca: remote.caBundle } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (response) => {
        const failure = refAdvertisementFailure(response.statusCode ?? 0, String(response.headers["content-type"] ?? ""));
        if (failure) {
          response.destroy();
          reject(failure);
          return;
        }
        readCapped(response, MAX_BYTES).then(
          (body) => {
            clearTimeout(timer);
            resolve(parseRefAdvertisement(body));
          },
          () => reject(new UpstreamError("GIT_UNREACHABLE", "The remote's answer broke off.")),
        );
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on("error", (error) => {
      clearTimeout(timer);
      if (timedOut) reject(new UpstreamError("GIT_TIMEOUT", "The remote did not answer in time."));
      else if (error instanceof AppError) reject(error);
      else reject(new UpstreamError("GIT_UNREACHABLE", "The remote could not be reached."));
    });
    outgoing.on("close", () => clearTimeout(timer));
    outgoing.end();
  });
}
