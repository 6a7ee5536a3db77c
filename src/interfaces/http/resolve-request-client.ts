import { type BlockList, isIP } from "node:net";

/** Who sent a request, as far as Repolink can tell: the client's address and how it reached the front door. */
export interface RequestClient {
  address: string;
  /** Whether the client itself spoke HTTPS (to Repolink, or to the trusted proxy in front). */
  protocol: "http" | "https";
  /** The Host the client asked a trusted proxy for; null when not forwarded. */
  forwardedHost: string | null;
  /** True when a trusted proxy forwarded the request. */
  forwarded: boolean;
}

const hostPattern = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * Believes X-Forwarded-For/-Proto/-Host only from a trusted proxy; anyone else's are ignored.
 * The client is the right-most address in X-Forwarded-For that is not itself a trusted proxy.
 */
export function resolveRequestClient(
  peer: string,
  headers: Headers,
  trusted: BlockList | null,
  ownProtocol: "http" | "https",
): RequestClient {
  const address = unmapped(peer);
  if (!trusted || !isTrusted(trusted, address)) return { address, protocol: ownProtocol, forwardedHost: null, forwarded: false };
  let client = address;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((hop) => unmapped(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? "";
    if (isIP(hop) === 0) break;
    client = hop;
    if (!isTrusted(trusted, hop)) break;
  }
  const proto = lastValue(headers.get("x-forwarded-proto"))?.toLowerCase();
  const host = lastValue(headers.get("x-forwarded-host"));
  return {
    address: client,
    protocol: proto === "https" || proto === "http" ? proto : ownProtocol,
    forwardedHost: host !== undefined && hostPattern.test(host) ? host : null,
    forwarded: true,
  };
}

function lastValue(header: string | null): string | undefined {
  return header?.split(",").at(-1)?.trim() || undefined;
}

function unmapped(address: string): string {
  return address.toLowerCase().startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}
