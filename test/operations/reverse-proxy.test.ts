import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/config/load-config.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { startServe } from "../support/run-cli.ts";

/** Signs in through the browser session endpoint with forwarded headers; returns the cookie and the audited client address. */
async function signIn(server: LiveServer, headers: Record<string, string>): Promise<{ cookie: string; clientAddress: unknown }> {
  const response = await fetch(`${server.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username: "admin", password: "live server password" }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const audit = await server.api("GET", "/audit?limit=20");
  const logins = (audit.body.items as { action: string; detail: Record<string, unknown> }[]).filter((e) => e.action === "login");
  return { cookie: response.headers.get("set-cookie") ?? "", clientAddress: logins[0]?.detail.clientAddress };
}

const forwarded = {
  // A client that forged its own X-Forwarded-For; the proxy appended the address it really saw.
  "x-forwarded-for": "198.51.100.9, 203.0.113.7",
  "x-forwarded-proto": "https",
  "x-forwarded-host": "repolink.example.test",
};

describe("behind a reverse proxy: REPOLINK_TRUSTED_PROXIES and REPOLINK_PUBLIC_URL", () => {
  it("believes X-Forwarded-* from a trusted proxy: the audit log sees the client, the cookie is Secure", async () => {
    const server = await startLiveServer({ REPOLINK_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1" });
    try {
      const { cookie, clientAddress } = await signIn(server, forwarded);
      assert.equal(clientAddress, "203.0.113.7");
      assert.match(cookie, /;\s*Secure/i);
    } finally {
      await server.close();
    }
  });

  it("ignores forged X-Forwarded-* from anyone else", async () => {
    const server = await startLiveServer({ REPOLINK_TRUSTED_PROXIES: "10.0.0.0/8" });
    try {
      const { cookie, clientAddress } = await signIn(server, forwarded);
      assert.equal(clientAddress, "127.0.0.1");
      assert.doesNotMatch(cookie, /;\s*Secure/i);
    } finally {
      await server.close();
    }
  });

  it("REPOLINK_PUBLIC_URL on https makes cookies Secure even on the proxy's plain-HTTP hop", async () => {
    const server = await startLiveServer({ REPOLINK_PUBLIC_URL: "https://repolink.example.test" });
    try {
      const { cookie, clientAddress } = await signIn(server, {});
      assert.equal(clientAddress, "127.0.0.1");
      assert.match(cookie, /;\s*Secure/i);
    } finally {
      await server.close();
    }
  });

  it("names a bad setting, and lets a proxied server listen on the network without --insecure-http", async () => {
    assert.throws(() => loadConfig({ REPOLINK_TRUSTED_PROXIES: "10.0.0.1, 10.0.0.0/99" }), {
      code: "TRUSTED_PROXIES_INVALID",
      message: /"10\.0\.0\.0\/99" is not an IP address or CIDR/,
    });
    assert.throws(() => loadConfig({ REPOLINK_PUBLIC_URL: "https://repolink.example.test/app?x=1" }), { code: "PUBLIC_URL_INVALID" });
    const dataDir = mkdtempSync(join(tmpdir(), "repolink-proxied-"));
    try {
      const env = {
        REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
        REPOLINK_LOG_LEVEL: "warn",
        REPOLINK_TRUSTED_PROXIES: "10.1.2.3",
      };
      const served = await startServe(["--host", "0.0.0.0", "--data-dir", dataDir], env);
      assert.doesNotMatch(served.output(), /WARNING/);
      served.child.kill("SIGTERM");
      await new Promise((resolve) => served.child.once("exit", resolve));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
