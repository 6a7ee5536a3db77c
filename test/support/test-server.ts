import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { loadConfig } from "../../src/config/load-config.ts";
import { SetupCode } from "../../src/core/users/setup-code.ts";
import { createApp } from "../../src/interfaces/http/create-app.ts";
import { healthOptionsOf } from "../../src/config/health-options-of.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { LogCapture } from "./log-capture.ts";

/** An app over a real runtime (SQLite in a temp dir unless a database URL is given), exercised in memory. */
export interface TestServer {
  runtime: Runtime;
  app: Hono;
  setupCode: string;
  logs: LogCapture;
  dataDir: string;
  /** Sends a JSON request; `auth` is an API token or a session {cookie, csrf}. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; auth?: string | { cookie: string; csrf?: string }; rawBody?: string },
  ): Promise<{
    status: number;
    body: Record<string, unknown> & { error?: { code: string; message: string; field?: string } };
    headers: Headers;
    text: string;
  }>;
  close(): Promise<void>;
}

/** Starts a test server; `env` adds variables such as DATABASE_URL or REPOLINK_MASTER_KEY. */
export async function startTestServer(env: Record<string, string> = {}, reuseDataDir?: string): Promise<TestServer> {
  const dataDir = reuseDataDir ?? mkdtempSync(join(tmpdir(), "repolink-test-"));
  const logs = new LogCapture();
  const runtime = await openRuntime(loadConfig({ REPOLINK_DATA_DIR: dataDir, REPOLINK_LOG_LEVEL: "debug", ...env }), {
    logDestination: logs,
  });
  runtime.deps.checker = undefined;
  const setup = SetupCode.create(true);
  const setupCode = setup.value ?? "";
  const app = createApp({ deps: runtime.deps, setup, logger: runtime.logger, health: healthOptionsOf(runtime.config) });
  return {
    runtime,
    app,
    setupCode,
    logs,
    dataDir,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (typeof options.auth === "string") headers.authorization = `Bearer ${options.auth}`;
      else if (options.auth) {
        headers.cookie = `repolink_session=${options.auth.cookie}`;
        if (options.auth.csrf) headers["x-csrf-token"] = options.auth.csrf;
      }
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        parsed = {};
      }
      return { status: response.status, body: parsed, headers: response.headers, text };
    },
    async close() {
      await runtime.close();
      if (!reuseDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates the first admin through setup and returns an API token for them. */
export async function bootstrapAdmin(server: TestServer, username = "admin", password = "correct horse battery"): Promise<string> {
  const setup = await server.call("POST", "/api/v1/setup", { body: { setupCode: server.setupCode, username, password } });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.text}`);
  return issueToken(server, username, password);
}

/** Signs in with a password and returns a fresh API token. */
export async function issueToken(server: TestServer, username: string, password: string): Promise<string> {
  const login = await server.call("POST", "/api/v1/auth/token", { body: { username, password, name: "test" } });
  if (login.status !== 201) throw new Error(`login failed: ${login.text}`);
  return String(login.body.token);
}

/** Creates a member (as `adminToken`) and returns an API token for them. */
export async function createMember(
  server: TestServer,
  adminToken: string,
  username: string,
  password = "member password 1",
): Promise<string> {
  const created = await server.call("POST", "/api/v1/users", { auth: adminToken, body: { username, password, role: "member" } });
  if (created.status !== 201) throw new Error(`user create failed: ${created.text}`);
  return issueToken(server, username, password);
}
