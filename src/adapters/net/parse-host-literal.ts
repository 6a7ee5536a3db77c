import { isIPv6 } from "node:net";

/** A URL host seen as an IP literal, a DNS name, or a numeric host no parser would accept. */
export type HostLiteral = { kind: "ip"; family: 4 | 6; address: string } | { kind: "name"; name: string } | { kind: "invalid" };

/**
 * Reads a URL host the way the WHATWG URL parser does, so legacy IPv4 forms (`127.1`,
 * `2130706433`, `0x7f000001`, `0177.0.0.1`) and bracketed IPv6 are seen as the IP they mean.
 * @example parseHostLiteral("0x7f.1") // { kind: "ip", family: 4, address: "127.0.0.1" }
 */
export function parseHostLiteral(hostname: string): HostLiteral {
  const host = hostname.toLowerCase();
  if (host.startsWith("[") || host.endsWith("]")) {
    const inner = host.slice(1, -1);
    return host.startsWith("[") && host.endsWith("]") && isIPv6(inner) ? { kind: "ip", family: 6, address: inner } : { kind: "invalid" };
  }
  if (isIPv6(host)) return { kind: "ip", family: 6, address: host };
  const parts = host.split(".");
  if (parts.length > 1 && parts.at(-1) === "") parts.pop();
  const last = parts.at(-1) ?? "";
  if (!/^[0-9]+$/.test(last) && parseIpv4Number(last) === null) return { kind: "name", name: host };
  const address = parseIpv4(parts);
  return address === null ? { kind: "invalid" } : { kind: "ip", family: 4, address };
}

// https://url.spec.whatwg.org/#concept-ipv4-parser
function parseIpv4(parts: readonly string[]): string | null {
  if (parts.length > 4) return null;
  const numbers = parts.map(parseIpv4Number);
  let value = 0;
  for (const [index, number] of numbers.entries()) {
    if (number === null) return null;
    const isLast = index === numbers.length - 1;
    const limit = isLast ? 256 ** (5 - numbers.length) : 256;
    if (number >= limit) return null;
    value += isLast ? number : number * 256 ** (3 - index);
  }
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

// https://url.spec.whatwg.org/#ipv4-number-parser
function parseIpv4Number(part: string): number | null {
  if (part === "") return null;
  if (/^0x[0-9a-f]*$/.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  if (part.length > 1 && part.startsWith("0")) return /^0[0-7]+$/.test(part) ? Number.parseInt(part.slice(1), 8) : null;
  return /^[0-9]+$/.test(part) ? Number.parseInt(part, 10) : null;
}
