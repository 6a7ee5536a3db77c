import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load-config.ts";
import { credentialCheckerByKind } from "../../src/integrations/credential-checker-by-kind.ts";
import { type ListenOptions, startServer } from "../../src/interfaces/http/start-server.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { LogCapture } from "./log-capture.ts";

/** A real Repolink server on 127.0.0.1 (SQLite in a temp dir), with an admin and an API token. */
export interface LiveServer {
  url: string;
  runtime: Runtime;
  adminToken: string;
  logs: LogCapture;
  dataDir: string;
  /** A JSON request to the API with the admin token (or `token`). */
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Resolves once the work requests left running (re-checks after an update) is done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a live server with the GitHub checker on and signs in an admin. */
export async function startLiveServer(env: Record<string, string> = {}, listen: Pick<ListenOptions, "logins"> = {}): Promise<LiveServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "repolink-live-"));
  const logs = new LogCapture();
  const runtime = await openRuntime(loadConfig({ REPOLINK_DATA_DIR: dataDir, REPOLINK_LOG_LEVEL: "debug", ...env }), {
    logDestination: logs,
  });
  runtime.deps.checker = credentialCheckerByKind(runtime.deps.integrations);
  const server = await startServer(runtime, { host: "127.0.0.1", port: 0, ...listen });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const password = "live server password";
  const setup = await call("POST", "/setup", { setupCode: server.setupCode, username: "admin", password });
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  const login = await call("POST", "/auth/token", { username: "admin", password, name: "live" });
  const adminToken = String(login.body.token);
  return {
    url: server.url,
    runtime,
    adminToken,
    logs,
    dataDir,
    api: (method, path, body, token) => call(method, path, body, token ?? adminToken),
    settled: () => server.settled(),
    close: async () => {
      await server.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
