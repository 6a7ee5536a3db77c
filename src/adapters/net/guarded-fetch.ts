import { Agent, buildConnector } from "undici";
import { isAllowedAddress } from "./address-policy.ts";
import { toHttpUrl } from "./check-url-allowed.ts";
import { addressRefusedError, findAppError, hostUnreachableError, redirectRefusedError } from "./guarded-fetch-errors.ts";
import { createGuardedLookup } from "./guarded-lookup.ts";
import { parseHostLiteral } from "./parse-host-literal.ts";
import type { HostResolver } from "./resolve-allowed-addresses.ts";

export { checkHostAllowed, checkUrlAllowed } from "./check-url-allowed.ts";

/** What the guarded fetch lets through for one GitHub host. */
export interface GuardedFetchPolicy {
  allowPrivateNetwork: boolean;
  /** PEM bundle trusted instead of the system CAs (GitHub Enterprise Server with a private CA). */
  caBundle?: string | null;
  /** Whole-request budget, redirects and body included; 30 s when unset. */
  timeoutMs?: number;
  /** Replaces DNS resolution; for tests, so a name can "resolve" without real DNS. */
  lookup?: HostResolver;
  /** Wraps this fetch's socket connector; for tests, to watch or stop each connection it opens. */
  wrapConnector?: (connect: buildConnector.connector) => buildConnector.connector;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

type FetchInput = Parameters<typeof fetch>[0];

/**
 * Builds the `fetch` for every outgoing request to a GitHub host: http(s) only, no
 * userinfo, every address checked as it is connected to, no redirect off its origin.
 * @throws UpstreamError `HOST_ADDRESS_REFUSED`, `HOST_REDIRECT_REFUSED` or `HOST_UNREACHABLE`.
 * @example const fetch = createGuardedFetch({ allowPrivateNetwork: false });
 */
export function createGuardedFetch(policy: GuardedFetchPolicy): typeof fetch {
  const connect = buildConnector({
    lookup: createGuardedLookup(policy.allowPrivateNetwork, policy.lookup),
    ...(policy.caBundle ? { ca: policy.caBundle } : {}),
  });
  const agent = new Agent({ connect: policy.wrapConnector ? policy.wrapConnector(connect) : connect });
  const timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send(url: URL, init: RequestInit, callerSignal: AbortSignal | null | undefined): Promise<Response> {
    // Names are checked inside the connection by the guarded lookup; literals skip DNS.
    const literal = parseHostLiteral(url.hostname);
    if (literal.kind === "invalid" || (literal.kind === "ip" && !isAllowedAddress(literal.address, policy.allowPrivateNetwork))) {
      throw addressRefusedError();
    }
    try {
      return await fetch(url, { ...init, redirect: "manual", dispatcher: agent } as RequestInit);
    } catch (error) {
      const own = findAppError(error);
      if (own !== undefined) throw own;
      if (callerSignal?.aborted === true) throw callerSignal.reason;
      throw hostUnreachableError();
    }
  }

  async function guardedFetch(input: FetchInput, options?: RequestInit): Promise<Response> {
    const { url: rawUrl, init } = toRequestParts(input, options);
    let url = toHttpUrl(rawUrl);
    const callerSignal = init.signal;
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(callerSignal ? [callerSignal] : [])]);
    let method = (init.method ?? "GET").toUpperCase();
    let body = init.body;
    const headers = new Headers(init.headers);
    for (let hop = 0; ; hop += 1) {
      const response = await send(url, { ...init, method, body, headers, signal }, callerSignal);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
      if (location === null) return response;
      const next = sameOriginTarget(location, url);
      if (next === null || hop >= MAX_REDIRECTS) {
        await response.body?.cancel();
        throw redirectRefusedError();
      }
      // https://fetch.spec.whatwg.org/#http-redirect-fetch step 12: these become a body-less GET.
      if (response.status === 303 || (method === "POST" && (response.status === 301 || response.status === 302))) {
        if (method !== "HEAD") method = "GET";
        body = null;
        for (const name of BODY_HEADERS) headers.delete(name);
      } else if (body instanceof ReadableStream) {
        return response; // a streamed body cannot be sent twice; the caller sees the 307/308
      }
      await response.body?.cancel();
      url = next;
    }
  }

  return guardedFetch as typeof fetch;
}

function sameOriginTarget(location: string, current: URL): URL | null {
  try {
    const next = new URL(location, current);
    return next.origin === current.origin && next.username === "" && next.password === "" ? next : null;
  } catch {
    return null;
  }
}

function toRequestParts(input: FetchInput, init: RequestInit = {}): { url: string | URL; init: RequestInit } {
  if (typeof input === "string" || input instanceof URL) return { url: input, init };
  const fromRequest = { method: input.method, headers: input.headers, body: input.body, signal: input.signal, duplex: "half" };
  return { url: input.url, init: { ...fromRequest, ...init } as RequestInit };
}
