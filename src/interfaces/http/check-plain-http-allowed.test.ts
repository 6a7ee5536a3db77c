import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkPlainHttpAllowed, isLoopbackHost } from "./check-plain-http-allowed.ts";

describe("checkPlainHttpAllowed", () => {
  const plain = { tls: false, behindProxy: false, insecureHttp: false };

  it("allows plain HTTP on loopback addresses only", () => {
    for (const host of ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost"]) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "repolink.example", "128.0.0.1"]) assert.equal(isLoopbackHost(host), false, host);
    assert.deepEqual(checkPlainHttpAllowed({ ...plain, host: "127.0.0.1" }), { warn: false });
  });

  it("refuses plain HTTP on the network with a code naming the field", () => {
    assert.throws(
      () => checkPlainHttpAllowed({ ...plain, host: "0.0.0.0" }),
      (error: Error & { code?: string; details?: { field?: string } }) =>
        error.code === "PLAIN_HTTP_REFUSED" && error.details?.field === "host" && /--tls-cert/.test(error.message),
    );
  });

  it("allows the network with TLS or a proxy, and warns with --insecure-http", () => {
    assert.deepEqual(checkPlainHttpAllowed({ ...plain, host: "0.0.0.0", tls: true }), { warn: false });
    assert.deepEqual(checkPlainHttpAllowed({ ...plain, host: "0.0.0.0", behindProxy: true }), { warn: false });
    assert.deepEqual(checkPlainHttpAllowed({ ...plain, host: "0.0.0.0", insecureHttp: true }), { warn: true });
  });
});
