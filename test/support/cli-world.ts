import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startServe } from "./run-cli.ts";

export type CliRun = Awaited<ReturnType<typeof runCli>>;

/** A user's machine for CLI tests: its own home and data dir, a running `repolink serve`, an admin logged in. */
export type CliWorld = {
  home: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  serve: Awaited<ReturnType<typeof startServe>>;
  cli(args: string[], stdin?: string): Promise<CliRun>;
  /** Runs `repolink --json …`, asserts the exit code and parses stdout. */
  json<T>(args: string[], expectedCode?: number): Promise<T>;
  stop(): Promise<void>;
};

export const adminPassword = "a long password";

/** `extraEnv` adds variables; as a function it can place them in the world's home. */
export async function startCliWorld(
  prefix: string,
  extraEnv: NodeJS.ProcessEnv | ((home: string) => NodeJS.ProcessEnv) = {},
): Promise<CliWorld> {
  const home = mkdtempSync(join(tmpdir(), `repolink-${prefix}-`));
  const dataDir = join(home, "data");
  const env: NodeJS.ProcessEnv = {
    REPOLINK_CLI_CONFIG: join(home, "cli.json"),
    REPOLINK_DATA_DIR: dataDir,
    REPOLINK_SERVER: "",
    REPOLINK_TOKEN: "",
    ...(typeof extraEnv === "function" ? extraEnv(home) : extraEnv),
  };
  const cli = (args: string[], stdin?: string) => runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });
  const serve = await startServe(["--data-dir", dataDir], env);
  const created = await cli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", dataDir], `${adminPassword}\n`);
  assert.equal(created.code, 0, created.stderr);
  const loggedIn = await cli(["login", "--server", serve.url, "--username", "admin", "--password-stdin"], `${adminPassword}\n`);
  assert.equal(loggedIn.code, 0, loggedIn.stderr);
  return {
    home,
    dataDir,
    env,
    serve,
    cli,
    async json<T>(args: string[], expectedCode = 0): Promise<T> {
      const run = await cli(["--json", ...args]);
      assert.equal(run.code, expectedCode, run.stdout + run.stderr);
      return JSON.parse(run.stdout) as T;
    },
    async stop() {
      if (serve.child.exitCode === null) {
        const exited = new Promise((resolve) => serve.child.once("exit", resolve));
        serve.child.kill("SIGTERM");
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
