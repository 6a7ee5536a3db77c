import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** An HTTP proxy in front of `target` that pauses after every response chunk, to make a clone slow. */
export async function startSlowProxy(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.on("data", (chunk: Buffer) => {
          response.pause();
          res.write(chunk);
          setTimeout(() => response.resume(), delayMs);
        });
        response.on("end", () => res.end());
      },
    );
    forward.on("error", () => res.destroy());
    // The client going away (a killed git) closes the connection upstream too, as a real proxy does.
    res.on("close", () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
