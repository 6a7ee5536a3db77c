import assert from "node:assert/strict";
import { BlockList } from "node:net";
import { describe, it } from "node:test";
import fc from "fast-check";
import { classifyAddress, isAllowedAddress, type AddressClass } from "./address-policy.ts";

const IPV4_RANGES: readonly [string, number, AddressClass][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "private"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["224.0.0.0", 4, "reserved"],
  ["240.0.0.0", 4, "reserved"],
];
// Documentation and relay ranges, also refused; kept out of the table above to mirror the brief.
const OTHER_NON_PUBLIC_V4: readonly [string, number][] = [
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
];

const toNumber = (dotted: string): number => dotted.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
const toDotted = (value: number): string => [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join(".");
const hexPair = (value: number): string => `${((value >>> 16) & 0xffff).toString(16)}:${(value & 0xffff).toString(16)}`;
const inRange = (network: string, prefix: number) =>
  fc.nat({ max: 2 ** (32 - prefix) - 1 }).map((host) => (toNumber(network) + host) >>> 0);

describe("classifyAddress", () => {
  for (const [network, prefix, kind] of IPV4_RANGES) {
    it(`classifies ${network}/${prefix} as ${kind} in every IPv4 and IPv6-embedded spelling`, () => {
      fc.assert(
        fc.property(inRange(network, prefix), (value) => {
          const spellings = [
            toDotted(value),
            `::ffff:${toDotted(value)}`,
            `::ffff:${hexPair(value)}`,
            `64:ff9b::${hexPair(value)}`,
            `2002:${hexPair(value)}::1`,
          ];
          for (const ip of spellings) {
            assert.equal(classifyAddress(ip), kind, ip);
            assert.equal(isAllowedAddress(ip, false), false, ip);
          }
        }),
      );
    });
  }

  it("calls an IPv4 address public exactly when no special range holds it (BlockList as oracle)", () => {
    const special = new BlockList();
    for (const [network, prefix] of [...IPV4_RANGES, ...OTHER_NON_PUBLIC_V4]) special.addSubnet(network, prefix, "ipv4");
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), (value) => {
        const ip = toDotted(value);
        assert.equal(classifyAddress(ip) === "public", !special.check(ip, "ipv4"), ip);
        assert.equal(isAllowedAddress(ip, false), !special.check(ip, "ipv4"), ip);
      }),
      { numRuns: 2000 },
    );
  });

  const groups = fc
    .array(fc.nat({ max: 0xffff }), { minLength: 7, maxLength: 7 })
    .map((rest) => rest.map((group) => group.toString(16)).join(":"));
  it("classifies fc00::/7 as private and fe80::/10 as link-local", () => {
    fc.assert(
      fc.property(fc.nat({ max: 0x1ff }), fc.nat({ max: 0x3f }), groups, (ula, linkLocal, rest) => {
        assert.equal(classifyAddress(`${(0xfc00 + ula).toString(16)}:${rest}`), "private");
        assert.equal(classifyAddress(`${(0xfe80 + linkLocal).toString(16)}:${rest}`), "link-local");
      }),
    );
  });

  const cases: readonly [string, AddressClass][] = [
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["2002:c0a8:101::", "private"],
    ["2002:a9fe:a9fe::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd12:3456::1", "private"],
    ["::127.0.0.1", "loopback"],
    ["ff02::1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["2001::1", "reserved"],
    ["::8.8.8.8", "reserved"],
    ["255.255.255.255", "reserved"],
    ["8.8.8.8", "public"],
    ["140.82.112.3", "public"],
    ["2606:50c0:8000::153", "public"],
    ["::ffff:140.82.112.3", "public"],
    ["64:ff9b::8c52:7003", "public"],
    ["2002:8c52:7003::1", "public"],
    ["", "reserved"],
    ["127.1", "reserved"],
    ["example.com", "reserved"],
    ["[::1]", "reserved"],
    ["1.2.3.4.5", "reserved"],
  ];
  for (const [ip, kind] of cases) {
    it(`classifies ${JSON.stringify(ip)} as ${kind}`, () => assert.equal(classifyAddress(ip), kind));
  }
});

describe("isAllowedAddress", () => {
  it("lets the private network through only when allowed, and never unspecified, reserved or metadata", () => {
    for (const ip of ["127.0.0.1", "::1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fc00::1", "fe80::1", "169.254.1.1"]) {
      assert.equal(isAllowedAddress(ip, false), false, ip);
      assert.equal(isAllowedAddress(ip, true), true, ip);
    }
    for (const ip of [
      "0.0.0.0",
      "::",
      "224.0.0.1",
      "255.255.255.255",
      "169.254.169.254",
      "::ffff:169.254.169.254",
      "fd00:ec2::254",
      "100.100.100.200",
      "nonsense",
    ]) {
      assert.equal(isAllowedAddress(ip, true), false, ip);
    }
    assert.equal(isAllowedAddress("140.82.112.3", false), true);
  });
});
