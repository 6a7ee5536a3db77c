import { isIPv4, isIPv6 } from "node:net";

/** A parsed IP address: 4 bytes for IPv4, 16 bytes for IPv6. */
export type IpBytes = { family: 4; bytes: number[] } | { family: 6; bytes: number[] };

/** How an IPv6 address carries an IPv4 address inside it. */
export type Ipv4Embedding = "mapped" | "compatible" | "nat64" | "6to4";

/** Parses a plain IPv4 (dotted decimal) or IPv6 address (zone id allowed), or returns null. */
export function parseIp(text: string): IpBytes | null {
  if (isIPv4(text)) return { family: 4, bytes: text.split(".").map(Number) };
  const bare = text.split("%")[0] ?? "";
  if (!isIPv6(bare)) return null;
  return { family: 6, bytes: parseIpv6(bare) };
}

function parseIpv6(text: string): number[] {
  const [headText, tailText] = text.includes("::") ? text.split("::") : [text, undefined];
  const toGroups = (part: string | undefined): number[] =>
    part === undefined || part === "" ? [] : part.split(":").flatMap(hexOrDottedGroups);
  const head = toGroups(headText);
  const tail = toGroups(tailText);
  const groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

function hexOrDottedGroups(part: string): number[] {
  if (!part.includes(".")) return [Number.parseInt(part, 16)];
  const [a = 0, b = 0, c = 0, d = 0] = part.split(".").map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

/**
 * Returns the IPv4 address an IPv6 address embeds (IPv4-mapped `::ffff:0:0/96`, the
 * deprecated IPv4-compatible `::/64` forms, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`), or null.
 */
export function embeddedIpv4(bytes: readonly number[]): { via: Ipv4Embedding; bytes: number[] } | null {
  const zeros = (from: number, to: number): boolean => bytes.slice(from, to).every((byte) => byte === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return { via: "mapped", bytes: bytes.slice(12) };
  if (zeros(0, 8)) return { via: "compatible", bytes: bytes.slice(12) };
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return { via: "nat64", bytes: bytes.slice(12) };
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return { via: "6to4", bytes: bytes.slice(2, 6) };
  return null;
}

/** True when `bytes` starts with the first `prefixLength` bits of `network`. */
export function inPrefix(bytes: readonly number[], network: readonly number[], prefixLength: number): boolean {
  for (let bit = 0; bit < prefixLength; bit += 8) {
    const mask = prefixLength - bit >= 8 ? 0xff : (0xff << (8 - (prefixLength - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((network[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}
