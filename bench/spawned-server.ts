import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

/** `repolink serve` spawned as a user runs it (the compiled CLI through its `bin`), set up with an admin. */
export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  dataDir: string;
  /** The admin's API token. */
  adminToken: string;
  /** A JSON API request (as the admin unless `token` is given); throws on a non-2xx answer. */
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** A JSON request to `url`'s API; throws on a non-2xx answer, naming the status and body. */
export async function callApi(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** Starts `repolink serve --port 0` on a new data dir; resolves once it printed its URL and setup code. */
function serve(
  dataDir: string,
  env: Record<string, string>,
  nodeArgs: string[],
): Promise<{ child: ChildProcess; url: string; setupCode: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, join(root, "bin", "repolink.js"), "serve", "--port", "0", "--data-dir", dataDir], {
      env: { PATH: process.env.PATH, HOME: dataDir, REPOLINK_LOG_LEVEL: "warn", REPOLINK_HEALTH_INTERVAL_SECONDS: "86400", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (d: Buffer): void => {
      output += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const setupCode = /setup code: (\S+)/.exec(output)?.[1];
      if (!url || !setupCode) return;
      child.stdout!.off("data", onData);
      child.removeAllListeners("exit");
      resolve({ child, url, setupCode });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.once("exit", (code) => reject(new Error(`serve exited ${String(code)}: ${output}`)));
  });
}

/** How to start the server: extra environment, node arguments before the script (e.g. `--cpu-prof`, which
 * NODE_OPTIONS refuses), and the admin the setup code creates. */
export interface SpawnOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
  admin?: { username: string; password: string };
}

/** `repolink serve` on `dataDir` (which must exist), with its admin created through the one-time setup code. */
export async function startSpawnedServer(dataDir: string, options: SpawnOptions = {}): Promise<SpawnedServer> {
  const { child, url, setupCode } = await serve(dataDir, options.env ?? {}, options.nodeArgs ?? []);
  const { username, password } = options.admin ?? { username: "admin", password: "bench admin password" };
  await callApi(url, null, "POST", "/setup", { setupCode, username, password });
  const adminToken = String((await callApi(url, null, "POST", "/auth/token", { username, password, name: "bench" })).token);
  return {
    child,
    url,
    dataDir,
    adminToken,
    api: (method, path, body, token) => callApi(url, token === undefined ? adminToken : token, method, path, body),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}
