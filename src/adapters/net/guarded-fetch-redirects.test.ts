import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { createGuardedFetch } from "./guarded-fetch.ts";
import { createLoopbackTripwire } from "./create-loopback-tripwire.ts";
import { startCountingServer, type CountingServer } from "./start-counting-server.ts";

const tripwire = createLoopbackTripwire();

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail("expected a failure"),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  return error;
}

describe("createGuardedFetch redirects (SECURITY 26)", () => {
  let home: CountingServer;
  let elsewhere: CountingServer;
  before(async () => {
    elsewhere = await startCountingServer();
    home = await startCountingServer((request, response) => {
      const [path = "", query = ""] = request.path.split("?");
      const hops = Number(new URLSearchParams(query).get("hops") ?? "0");
      if (path === "/away") response.writeHead(302, { location: `${elsewhere.origin}/stolen` }).end();
      else if (path === "/away-by-name") response.writeHead(307, { location: `http://localhost:${home.port}/x` }).end();
      else if (path === "/upgrade") response.writeHead(301, { location: `https://127.0.0.1:${home.port}/x` }).end();
      else if (path === "/start") response.writeHead(302, { location: "/next" }).end();
      else if (path === "/post") response.writeHead(303, { location: "/next" }).end();
      else if (path === "/keep") response.writeHead(307, { location: "/next" }).end();
      else if (path === "/loop") response.writeHead(302, { location: `/loop?hops=${hops + 1}` }).end();
      else response.end(`${request.method} ${path}`);
    });
  });
  after(async () => {
    await home.close();
    await elsewhere.close();
  });

  it("does not follow a redirect to another origin, and Authorization never reaches it", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true });
    for (const path of ["/away", "/away-by-name", "/upgrade"]) {
      const error = await failure(
        fetch(`${home.origin}${path}?access_token=secret-value`, { headers: { authorization: "token secret-value" } }),
      );
      assert.equal(error.code, "HOST_REDIRECT_REFUSED", path);
      assert.doesNotMatch(error.message, /secret|localhost|127\.|stolen|https/);
    }
    assert.equal(elsewhere.connections, 0);
    assert.equal(elsewhere.requests.length, 0);
    assert.equal(home.requests.at(-1)?.headers.authorization, "token secret-value");
  });

  it("follows a same-origin redirect, keeping its headers", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true });
    const before = home.requests.length;
    const response = await fetch(`${home.origin}/start`, { headers: { authorization: "token abc" } });
    assert.equal(await response.text(), "GET /next");
    const seen = home.requests.slice(before);
    assert.deepEqual(
      seen.map((request) => [request.path, request.headers.authorization]),
      [
        ["/start", "token abc"],
        ["/next", "token abc"],
      ],
    );
  });

  it("turns a POST into a body-less GET after 303 and keeps method and body after 307", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true });
    const init = { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } };
    assert.equal(await (await fetch(`${home.origin}/post`, init)).text(), "GET /next");
    assert.equal(home.requests.at(-1)?.headers["content-type"], undefined);
    assert.equal(await (await fetch(`${home.origin}/keep`, init)).text(), "POST /next");
    assert.equal(home.requests.at(-1)?.body, '{"a":1}');
  });

  it("stops after 3 same-origin redirects", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true });
    const before = home.requests.length;
    assert.equal((await failure(fetch(`${home.origin}/loop`))).code, "HOST_REDIRECT_REFUSED");
    assert.equal(home.requests.length - before, 4);
  });
});

describe("createGuardedFetch network failures look alike (SECURITY 27)", () => {
  it("gives one code and message for refused connection, DNS failure and timeout", async () => {
    const closed = await startCountingServer();
    await closed.close();
    const silent = await startCountingServer(() => undefined);
    const dnsFailure = async (): Promise<never> => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND ghe.example.test"), { code: "ENOTFOUND" });
    };
    const errors = await Promise.all([
      failure(createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true })(`${closed.origin}/?token=secret-value`)),
      failure(
        createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, lookup: dnsFailure })(
          "http://ghe.example.test/?token=secret-value",
        ),
      ),
      failure(
        createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, lookup: async () => [] })("http://ghe.example.test/"),
      ),
      failure(
        createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, timeoutMs: 150 })(
          `${silent.origin}/?token=secret-value`,
        ),
      ),
    ]);
    await silent.close();
    assert.deepEqual(
      new Set(errors.map((error) => `${error.code}|${error.message}`)),
      new Set(["HOST_UNREACHABLE|Repolink could not reach this host."]),
    );
    assert.ok(errors.every((error) => error.cause === undefined));
    assert.deepEqual(tripwire.blocked, []);
  });

  it("passes the caller's own abort through unchanged", async () => {
    const silent = await startCountingServer(() => undefined);
    const controller = new AbortController();
    const pending = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true })(silent.origin, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("caller gave up")), 50);
    await assert.rejects(pending, { message: "caller gave up" });
    await silent.close();
  });
});
