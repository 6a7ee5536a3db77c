import { embeddedIpv4, inPrefix, parseIp } from "./ip-bytes.ts";

export { parseHostLiteral, type HostLiteral } from "./parse-host-literal.ts";

/** What kind of network an IP address belongs to, as far as outgoing requests care. */
export type AddressClass = "public" | "loopback" | "private" | "link-local" | "unspecified" | "reserved";

type Range = readonly [network: readonly number[], prefixLength: number, kind: AddressClass];

// IANA special-purpose registries: https://www.iana.org/assignments/iana-ipv4-special-registry
const IPV4_RANGES: readonly Range[] = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "private"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"],
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "reserved"],
  [[192, 0, 2, 0], 24, "reserved"],
  [[192, 88, 99, 0], 24, "reserved"],
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "reserved"],
  [[198, 51, 100, 0], 24, "reserved"],
  [[203, 0, 113, 0], 24, "reserved"],
  [[224, 0, 0, 0], 4, "reserved"],
  [[240, 0, 0, 0], 4, "reserved"],
];

// https://www.iana.org/assignments/iana-ipv6-special-registry; only 2000::/3 is global unicast.
const IPV6_RANGES: readonly Range[] = [
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "private"],
  [[0x01, 0x00], 64, "reserved"],
  [[0x20, 0x01, 0x00, 0x00], 23, "reserved"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "reserved"],
  [[0x3f, 0xff], 20, "reserved"],
  [[0xfc], 7, "private"],
  [[0xfe, 0x80], 10, "link-local"],
  [[0xfe, 0xc0], 10, "private"],
  [[0xff], 8, "reserved"],
  [[0x20], 3, "public"],
];

// Cloud metadata endpoints (AWS, ECS, EKS, Alibaba): refused even on a private network.
const METADATA_ADDRESSES = ["169.254.169.254", "169.254.170.2", "169.254.170.23", "100.100.100.200", "fd00:ec2::254", "fd00:ec2::23"].map(
  (text) => parseIp(text)?.bytes.join("."),
);

/**
 * Classifies an IPv4 or IPv6 address (IPv4 embedded in IPv6 counts as its IPv4 class);
 * anything that is not a valid address is `reserved`, so callers fail closed.
 * @example classifyAddress("::ffff:7f00:1") // "loopback"
 */
export function classifyAddress(ip: string): AddressClass {
  const parsed = parseIp(ip);
  if (parsed === null) return "reserved";
  if (parsed.family === 4) return classifyIpv4(parsed.bytes);
  const { bytes } = parsed;
  const lastByte = bytes[15] ?? 0;
  if (bytes.slice(0, 15).every((byte) => byte === 0) && lastByte <= 1) return lastByte === 0 ? "unspecified" : "loopback";
  const embedded = embeddedIpv4(bytes);
  if (embedded !== null) {
    const kind = classifyIpv4(embedded.bytes);
    // Only the mapped, NAT64 and 6to4 forms reach a public IPv4 host; the others are obsolete.
    const reachesPublic = embedded.via === "mapped" || embedded.via === "nat64" || embedded.via === "6to4";
    return kind === "public" && !reachesPublic ? "reserved" : kind;
  }
  return IPV6_RANGES.find(([network, length]) => inPrefix(bytes, network, length))?.[2] ?? "reserved";
}

function classifyIpv4(bytes: readonly number[]): AddressClass {
  return IPV4_RANGES.find(([network, length]) => inPrefix(bytes, network, length))?.[2] ?? "public";
}

/**
 * True when Repolink may connect to `ip`: public addresses always; loopback, private and
 * link-local ones only with `allowPrivateNetwork`; unspecified, reserved and cloud metadata never.
 */
export function isAllowedAddress(ip: string, allowPrivateNetwork: boolean): boolean {
  const kind = classifyAddress(ip);
  if (kind === "public") return true;
  if (!allowPrivateNetwork || kind === "unspecified" || kind === "reserved") return false;
  return !isMetadataAddress(ip);
}

function isMetadataAddress(ip: string): boolean {
  const parsed = parseIp(ip);
  if (parsed === null) return true;
  const v4 = parsed.family === 6 ? embeddedIpv4(parsed.bytes)?.bytes : undefined;
  return [parsed.bytes, v4].some((bytes) => bytes !== undefined && METADATA_ADDRESSES.includes(bytes.join(".")));
}
