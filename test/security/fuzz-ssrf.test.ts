import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { AppError } from "../../src/core/errors.ts";
import { checkUrlAllowed } from "../../src/adapters/net/check-url-allowed.ts";
import { createGuardedFetch } from "../../src/adapters/net/guarded-fetch.ts";
import { createLoopbackTripwire } from "../../src/adapters/net/create-loopback-tripwire.ts";
import type { HostResolver } from "../../src/adapters/net/resolve-allowed-addresses.ts";
import { startCountingServer, type CountingServer } from "../../src/adapters/net/start-counting-server.ts";

// address-policy.test.ts fuzzes the classifier on canonical addresses and parse-host-literal.test.ts
// fuzzes legacy IPv4 spellings against WHATWG URL. Missing until now: those spellings and generated
// IPv6 forms *inside URLs* through the real guarded fetch — refused, identical error, and no
// connection ever made to a listening 127.0.0.1 server — plus generated DNS answers that mix
// public and private addresses.

const tripwire = createLoopbackTripwire();
const REFUSED = "Repolink refused to connect: the address is not allowed for this host.";

type Range = readonly [network: number, prefix: number];
const ip4 = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
const NON_PUBLIC_V4: readonly Range[] = [
  [ip4(127, 0, 0, 0), 8],
  [ip4(10, 0, 0, 0), 8],
  [ip4(172, 16, 0, 0), 12],
  [ip4(192, 168, 0, 0), 16],
  [ip4(100, 64, 0, 0), 10],
  [ip4(169, 254, 0, 0), 16],
  [ip4(0, 0, 0, 0), 8],
];
const inRange = ([network, prefix]: Range) => fc.nat({ max: 2 ** (32 - prefix) - 1 }).map((offset) => (network + offset) >>> 0);
const nonPublicV4 = fc.constantFrom(...NON_PUBLIC_V4).chain(inRange);
const bytes = (v: number): number[] => [24, 16, 8, 0].map((s) => (v >>> s) & 0xff);

/** Every IPv4 spelling a URL parser accepts for the same address. */
const v4Spelling = (v: number) =>
  fc.constantFrom(
    bytes(v).join("."),
    String(v),
    `0x${v.toString(16)}`,
    `0x${v.toString(16).toUpperCase()}`,
    bytes(v)
      .map((b) => `0${b.toString(8)}`)
      .join("."),
    bytes(v)
      .map((b) => `0x${b.toString(16)}`)
      .join("."),
    `${bytes(v)[0]}.${v & 0xffffff}`,
    `${bytes(v)[0]}.${bytes(v)[1]}.${v & 0xffff}`,
    `${bytes(v).join(".")}.`,
    `[::ffff:${bytes(v).join(".")}]`,
    `[::ffff:${((v >>> 16) & 0xffff).toString(16)}:${(v & 0xffff).toString(16)}]`,
    `[0:0:0:0:0:ffff:${bytes(v).join(".")}]`,
    `[::FFFF:${bytes(v).join(".")}]`,
  );
const group = fc.nat({ max: 0xffff }).map((g) => g.toString(16));
const v6Rest = fc.array(group, { minLength: 7, maxLength: 7 });
const nonPublicV6 = fc.oneof(
  fc.tuple(fc.nat({ max: 0x1ff }), v6Rest).map(([ula, rest]) => [(0xfc00 + ula).toString(16), ...rest].join(":")),
  fc.tuple(fc.nat({ max: 0x3f }), v6Rest).map(([ll, rest]) => [(0xfe80 + ll).toString(16), ...rest].join(":")),
  fc.constantFrom("::1", "0:0:0:0:0:0:0:1", "::", "0::0", "::0:1"),
);
const v6Spelling = (address: string) => fc.constantFrom(`[${address}]`, `[${address.toUpperCase()}]`);
const nonPublicHost = fc.oneof(
  { weight: 3, arbitrary: nonPublicV4.chain(v4Spelling) },
  { weight: 1, arbitrary: nonPublicV6.chain(v6Spelling) },
);

async function refusal(promise: Promise<unknown>, what: string): Promise<void> {
  const error = await promise.then(
    () => assert.fail(`${what} was not refused`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, `${what}: ${String(error)}`);
  assert.deepEqual([error.code, error.message], ["HOST_ADDRESS_REFUSED", REFUSED], what);
}

describe("SSRF address check fuzzing through real URLs (SECURITY 24, 25, 27)", () => {
  let server: CountingServer;
  before(async () => {
    server = await startCountingServer();
  });
  after(() => server.close());

  it("refuses every generated spelling of a non-public address, identically, with no connection made", async (t) => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: false, timeoutMs: 2000 });
    const attemptsBefore = tripwire.attempts.length;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(nonPublicHost, fc.constantFrom("http", "https"), async (hostText, scheme) => {
        runs++;
        const url = `${scheme}://${hostText}:${server.port}/api/v3/user`;
        await refusal(fetch(url, { headers: { authorization: "token canary-must-not-travel" } }), url);
        await refusal(checkUrlAllowed(url, false), url);
      }),
      { numRuns: 600 },
    );
    assert.equal(server.connections, 0, "no connection reached the listening server");
    assert.equal(tripwire.attempts.length, attemptsBefore, "no socket even tried to connect");
    t.diagnostic(`inputs: ${runs} URLs × (guarded fetch + checkUrlAllowed)`);
  });

  it("refuses metadata addresses in every spelling even when the host allows the private network", async (t) => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, timeoutMs: 2000 });
    let runs = 0;
    const metadata = fc.constantFrom(ip4(169, 254, 169, 254), ip4(100, 100, 100, 200)).chain(v4Spelling);
    await fc.assert(
      fc.asyncProperty(metadata, async (hostText) => {
        runs++;
        await refusal(fetch(`http://${hostText}:${server.port}/latest/meta-data/`), hostText);
      }),
      { numRuns: 200 },
    );
    assert.equal(server.connections, 0);
    t.diagnostic(`inputs: ${runs}`);
  });

  it("refuses a name whose generated DNS answer holds any non-public address, whatever the order (rebinding-safe)", async (t) => {
    let runs = 0;
    const publicV4 = fc.constantFrom("140.82.112.3", "140.82.121.4", "8.8.8.8", "2606:50c0:8000::153");
    const nonPublicCanonical = fc.oneof(
      nonPublicV4.map((v) => bytes(v).join(".")),
      nonPublicV6,
      nonPublicV4.map((v) => `::ffff:${bytes(v).join(".")}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(publicV4, { maxLength: 3 }), nonPublicCanonical, fc.nat(), async (publics, bad, at) => {
        runs++;
        const answer: string[] = [...publics];
        answer.splice(at % (answer.length + 1), 0, bad);
        let lookups = 0;
        const lookup: HostResolver = async () => {
          lookups++;
          return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
        };
        await refusal(checkUrlAllowed("https://ghe.example.test/o/r.git", false, { lookup }), answer.join(","));
        const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: false, lookup, timeoutMs: 2000 });
        await refusal(fetch(`http://ghe.example.test:${server.port}/api/v3`), answer.join(","));
        assert.ok(lookups >= 2, "the name was resolved by the check and again inside the connection");
      }),
      { numRuns: 200 },
    );
    assert.equal(server.connections, 0);
    t.diagnostic(`inputs: ${runs} DNS answers`);
  });
});
