import assert from "node:assert/strict";
import { request } from "node:https";
import { createServer, connect, type AddressInfo } from "node:net";
import { join } from "node:path";
import { it } from "node:test";
import { runCli } from "./run-cli.ts";

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits (60 s at most: nginx or caddy start slowly on a loaded machine) until something accepts connections on the port. */
export async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => resolve(socket.end() && true)).on("error", () => resolve(false));
    });
    if (open) return;
    assert.ok(Date.now() < deadline, `nothing listens on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One HTTPS request to a reverse proxy from 127.0.0.3, so the client's address differs from the proxy's (127.0.0.1). */
export function viaProxy(
  url: string,
  ca: Buffer,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; headers: Record<string, unknown>; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      { method, ca, localAddress: "127.0.0.3", headers: { ...headers, ...(text ? { "content-type": "application/json" } : {}) } },
      (res) => {
        let data = "";
        res.on("data", (chunk: Buffer) => (data += chunk.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: data ? (JSON.parse(data) as Record<string, unknown>) : {} }),
        );
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** What the proxy tests share: the proxy's HTTPS address, its certificate, a scratch dir, and the admin's password. */
export interface ProxyUnderTest {
  front: string;
  ca: Buffer;
  certFile: string;
  root: string;
  adminPassword: string;
}

/**
 * What every reverse proxy in deploy/ must give (README "Behind a reverse proxy"): the audit log
 * sees the client's address, not the proxy's nor a forged one; cookies are Secure; the CLI signs in through it.
 */
export function itKeepsTheClientsAddress(proxy: string, world: () => ProxyUnderTest): void {
  it(`the audit log sees the client's address, not ${proxy}'s nor a forged one, and the session cookie is Secure`, async () => {
    const { front, ca, adminPassword } = world();
    const forged = { "x-forwarded-for": "198.51.100.9" };
    const credentials = { username: "admin", password: adminPassword };
    const session = await viaProxy(`${front}/api/v1/session`, ca, "POST", forged, credentials);
    assert.equal(session.status, 200, JSON.stringify(session.json));
    assert.match(String(session.headers["set-cookie"]), /;\s*Secure/i);
    const login = await viaProxy(`${front}/api/v1/auth/token`, ca, "POST", forged, { ...credentials, name: proxy });
    const audit = await viaProxy(`${front}/api/v1/audit?limit=10`, ca, "GET", { authorization: `Bearer ${String(login.json.token)}` });
    const logins = (audit.json.items as { action: string; detail: { clientAddress?: string } }[]).filter((e) => e.action === "login");
    assert.deepEqual(
      logins.map((e) => e.detail.clientAddress),
      ["127.0.0.3", "127.0.0.3"],
    );
  });

  it(`the CLI signs in through ${proxy}`, async () => {
    const { front, certFile, root, adminPassword } = world();
    const home = join(root, "home");
    const cli = await runCli(["login", "--server", front, "--username", "admin", "--password-stdin"], {
      env: { HOME: home, REPOLINK_CLI_CONFIG: join(home, "repolink.json"), NODE_EXTRA_CA_CERTS: certFile },
      stdin: adminPassword,
    });
    assert.equal(cli.code, 0, cli.stderr);
  });
}
