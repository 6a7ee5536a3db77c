import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { createGuardedFetch } from "./guarded-fetch.ts";
import { createLoopbackTripwire } from "./create-loopback-tripwire.ts";
import type { HostResolver } from "./resolve-allowed-addresses.ts";
import { startCountingServer, type CountingServer } from "./start-counting-server.ts";

const tripwire = createLoopbackTripwire();
const REFUSED = "Repolink refused to connect: the address is not allowed for this host.";
const SECURITY_24_HOSTS = [
  "127.1",
  "2130706433",
  "0x7f000001",
  "0177.0.0.1",
  "[::1]",
  "[::ffff:127.0.0.1]",
  "0.0.0.0",
  "169.254.169.254",
  "10.0.0.1",
  "172.16.0.1",
  "192.168.1.1",
  "100.64.0.1",
  "[fc00::1]",
  "[fe80::1]",
];

const resolvesTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail("expected a refusal"),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  return error;
}

describe("createGuardedFetch refusals (SECURITY 24, 25, 27)", () => {
  let server: CountingServer;
  before(async () => {
    server = await startCountingServer();
  });
  after(() => server.close());

  it("refuses every SECURITY 24 address before connecting, with one message", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: false });
    const attemptsBefore = tripwire.attempts.length;
    for (const host of SECURITY_24_HOSTS) {
      const error = await refusal(fetch(`http://${host}:${server.port}/x?access_token=secret-value`));
      assert.equal(error.code, "HOST_ADDRESS_REFUSED", host);
      assert.equal(error.message, REFUSED, host);
      assert.equal(error.cause, undefined);
    }
    assert.equal(server.connections, 0);
    assert.equal(tripwire.attempts.length, attemptsBefore);
  });

  it("refuses names that resolve to private addresses inside the connection, with no connection made", async () => {
    for (const addresses of [["127.0.0.1"], ["10.0.0.1"], ["140.82.112.3", "127.0.0.1"], ["::ffff:169.254.169.254"], ["fe80::1"]]) {
      let lookups = 0;
      const lookup: HostResolver = async (hostname) => {
        lookups += 1;
        return resolvesTo(...addresses)(hostname);
      };
      const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: false, lookup });
      const error = await refusal(fetch(`http://ghe.example.test:${server.port}/api/v3`));
      assert.deepEqual([error.code, error.message], ["HOST_ADDRESS_REFUSED", REFUSED], addresses.join());
      assert.ok(lookups >= 1, "the name is resolved inside the connection");
    }
    assert.equal(server.connections, 0);
    assert.deepEqual(tripwire.blocked, []);
  });

  it("gives the same error for every kind of refusal, never naming the URL, port or address", async () => {
    const strict = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: false, lookup: resolvesTo("10.1.2.3") });
    const lenient = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, lookup: resolvesTo("127.0.0.1") });
    const attempts = [
      strict(`http://127.0.0.1:${server.port}/?token=secret-value`),
      strict(`http://internal.example.test:${server.port}/?token=secret-value`),
      strict("file:///etc/passwd"),
      strict("ftp://example.test/"),
      strict("not a url"),
      lenient(`http://user:secret-value@127.0.0.1:${server.port}/`),
      lenient(`http://[::ffff:a9fe:a9fe]:${server.port}/`),
    ];
    const errors = await Promise.all(attempts.map(refusal));
    assert.deepEqual(new Set(errors.map((error) => `${error.code}|${error.message}`)), new Set([`HOST_ADDRESS_REFUSED|${REFUSED}`]));
    for (const error of errors) {
      assert.doesNotMatch(JSON.stringify({ message: error.message, details: error.details }), /secret|127\.|10\.1|\d{4,5}/);
    }
    assert.equal(server.connections, 0);
  });

  it("reaches a 127.0.0.1 server when the host allows the private network", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true });
    const response = await fetch(`${server.origin}/ping`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "ok");
    assert.ok(response instanceof Response);
    assert.equal(tripwire.attempts.at(-1), "127.0.0.1");
  });

  it("connects to the address its own lookup checked (names, with allowPrivateNetwork)", async () => {
    let lookups = 0;
    const lookup: HostResolver = async (hostname) => {
      lookups += 1;
      return resolvesTo("127.0.0.1")(hostname);
    };
    const before = server.requests.length;
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, lookup });
    const response = await fetch(new Request(`http://ghe.example.test:${server.port}/named`, { headers: { "x-probe": "1" } }));
    assert.equal(await response.text(), "ok");
    assert.equal(lookups, 1);
    assert.equal(server.requests.length, before + 1);
    assert.equal(server.requests.at(-1)?.headers.host, `ghe.example.test:${server.port}`);
    assert.equal(server.requests.at(-1)?.headers["x-probe"], "1");
  });

  it("refuses cloud metadata addresses even on a private network", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, lookup: resolvesTo("169.254.169.254") });
    for (const url of ["http://169.254.169.254/latest/meta-data/", "http://metadata.example.test/"]) {
      assert.equal((await refusal(fetch(url))).code, "HOST_ADDRESS_REFUSED");
    }
    assert.deepEqual(tripwire.blocked, []);
  });
});
