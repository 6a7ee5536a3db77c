import assert from "node:assert/strict";
import { request } from "node:https";
import { createServer, connect, type AddressInfo } from "node:net";

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits (10 s at most) until something accepts connections on the port. */
export async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
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
