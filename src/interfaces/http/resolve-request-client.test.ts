import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toBlockList } from "../../config/parse-trusted-proxies.ts";
import { resolveRequestClient } from "./resolve-request-client.ts";

describe("resolveRequestClient", () => {
  const trusted = toBlockList(["10.0.0.0/8", "fd00::/8"]);
  const headers = (values: Record<string, string>): Headers => new Headers(values);

  it("walks X-Forwarded-For back past every trusted proxy to the client", () => {
    const client = resolveRequestClient("::ffff:10.0.0.2", headers({ "x-forwarded-for": "1.2.3.4, 192.0.2.1, 10.9.9.9" }), trusted, "http");
    assert.deepEqual(client, { address: "192.0.2.1", protocol: "http", forwardedHost: null, forwarded: true });
  });

  it("keeps the proxy's own address when the header is missing or not an address", () => {
    assert.equal(resolveRequestClient("fd00::1", headers({}), trusted, "http").address, "fd00::1");
    assert.equal(resolveRequestClient("10.0.0.2", headers({ "x-forwarded-for": "unknown" }), trusted, "http").address, "10.0.0.2");
  });

  it("takes the last X-Forwarded-Proto and a well-formed X-Forwarded-Host only", () => {
    const good = resolveRequestClient(
      "10.0.0.2",
      headers({ "x-forwarded-proto": "http, https", "x-forwarded-host": "repo.example:8443" }),
      trusted,
      "http",
    );
    assert.deepEqual([good.protocol, good.forwardedHost], ["https", "repo.example:8443"]);
    const bad = resolveRequestClient(
      "10.0.0.2",
      headers({ "x-forwarded-proto": "gopher", "x-forwarded-host": "evil/x@y" }),
      trusted,
      "https",
    );
    assert.deepEqual([bad.protocol, bad.forwardedHost], ["https", null]);
  });

  it("ignores every forwarded header from an untrusted peer, or when no proxy is trusted", () => {
    const forged = headers({ "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https", "x-forwarded-host": "x.example" });
    for (const list of [trusted, null]) {
      assert.deepEqual(resolveRequestClient("192.0.2.50", forged, list, "http"), {
        address: "192.0.2.50",
        protocol: "http",
        forwardedHost: null,
        forwarded: false,
      });
    }
  });
});
