import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { healthOptionsOf } from "../../config/health-options-of.ts";
import { SetupCode } from "../../core/users/setup-code.ts";
import type { Runtime } from "../../main.ts";
import { BackgroundTasks } from "./background-tasks.ts";
import { createApp } from "./create-app.ts";

/** A running HTTP server and how to stop it. */
export interface RunningServer {
  url: string;
  setupCode: string | null;
  /** Resolves once the work requests left running (re-checks after an update) is done. */
  settled(): Promise<void>;
  /** Stops accepting connections, then waits for open requests and that work. */
  close(): Promise<void>;
}

/** Serves the app on host:port (port 0 picks a free one). */
export async function startServer(runtime: Runtime, options: { host: string; port: number }): Promise<RunningServer> {
  const setup = SetupCode.create((await runtime.deps.store.users.count()) === 0);
  const background = new BackgroundTasks((error) => runtime.logger.error({ err: error }, "background re-check failed"));
  const app = createApp({ deps: runtime.deps, setup, logger: runtime.logger, background, health: healthOptionsOf(runtime.config) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s));
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    setupCode: setup.value,
    settled: () => background.settled(),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background.settled();
    },
  };
}
