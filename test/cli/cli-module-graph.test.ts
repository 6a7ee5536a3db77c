import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cliPath } from "../support/run-cli.ts";

const tracer = join(import.meta.dirname, "..", "support", "trace-modules.mjs");
const scratch = mkdtempSync(join(tmpdir(), "repolink-module-graph-"));
let runs = 0;

/** Runs the CLI as npm's bin does (plain node, no loader but the tracer) and returns every module it loaded. */
async function modulesLoadedBy(args: string[], stdin = ""): Promise<{ modules: string[]; execArgv: string[]; stderr: string }> {
  const file = join(scratch, `trace-${++runs}`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: scratch,
    REPOLINK_TRACE_MODULES_FILE: file,
    REPOLINK_CLI_CONFIG: join(scratch, "none.json"),
    REPOLINK_CACHE_DIR: join(scratch, "cache"),
    // Nothing listens on port 9: commands get as far as their first request and stop there.
    REPOLINK_SERVER: "http://127.0.0.1:9",
    REPOLINK_TOKEN: "rlk_0000000000000000_not-a-real-token",
  };
  const child = spawn(process.execPath, ["--import", tracer, cliPath, ...args], { env, stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  await new Promise((resolve) => child.on("close", resolve));
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  const execArgv = JSON.parse(lines.find((l) => l.startsWith("execArgv "))!.slice("execArgv ".length)) as string[];
  return { modules: lines.filter((l) => !l.startsWith("execArgv ")), execArgv, stderr };
}

// What no client-side command may load: the server, storage, GitHub's client, the web UI, schemas, logging.
const serverSide = [
  /\/node_modules\/(hono|@hono|@octokit|kysely|better-sqlite3|pg|pg-pool|pino|react|react-dom|zod|undici|prom-client)\//,
  /\/dist\/main\.js$/,
  /\/dist\/adapters\/(storage|crypto|logging\/create-logger)/,
  /\/dist\/integrations\/(registry|github\/(octokit|create-github-octokit|post-graphql|paginate-github|github-integration))/,
  /\/dist\/interfaces\/http\//,
  /\/dist\/core\/(health|credentials|repositories)\//,
];

function assertCompiledOnly(modules: string[], execArgv: string[]): void {
  assert.ok(modules.length > 0, "the tracer saw no module");
  assert.deepEqual(
    execArgv.filter((arg) => /tsx/.test(arg)),
    [],
    "tsx is in the CLI's execArgv",
  );
  assert.deepEqual(
    modules.filter((url) => /\.[cm]?tsx?$/.test(url) || /\/node_modules\/(tsx|esbuild)\//.test(url)),
    [],
    "a TypeScript file or the transpiler was loaded",
  );
  assert.ok(
    modules.some((url) => url.includes("/dist/interfaces/cli/")),
    "the compiled CLI was not what ran",
  );
}

describe("the CLI runs compiled JavaScript and each command loads only what it needs", () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const [name, args, stdin] of [
    ["--help", ["--help"], ""],
    ["--version", ["--version"], ""],
    ["login", ["login", "--username", "ci", "--password-stdin"], "a password"],
    ["git-credential get", ["git-credential", "get"], "protocol=https\nhost=github.com\npath=acme/rocket.git\n\n"],
    ["checkout", ["checkout", "acme/rocket", join(scratch, "wc")], ""],
    ["push", ["push", scratch], ""],
    ["webhook list", ["webhook", "list"], ""],
  ] as const) {
    it(`${name}: no tsx, no TypeScript, no server-side module`, async () => {
      const { modules, execArgv } = await modulesLoadedBy([...args], stdin);
      assertCompiledOnly(modules, execArgv);
      assert.deepEqual(
        modules.filter((url) => serverSide.some((pattern) => pattern.test(url))),
        [],
        `${name} loaded server-side modules`,
      );
    });
  }

  it("git-credential get loads no git adapter and no commands but its own", async () => {
    const { modules } = await modulesLoadedBy(["git-credential", "get"], "protocol=https\nhost=github.com\npath=acme/rocket.git\n\n");
    assert.deepEqual(
      modules.filter((url) => /\/dist\/(adapters\/git|interfaces\/cli\/actions)\//.test(url)),
      [],
    );
    const commandModules = modules
      .filter((url) => url.includes("/dist/interfaces/cli/commands/"))
      .map((url) => url.slice(url.lastIndexOf("/") + 1));
    assert.deepEqual(commandModules, ["git-credential-command.js"]);
  });

  it("serve loads the server: the tracer sees what it claims to", async () => {
    const { modules } = await modulesLoadedBy(["serve", "--port", "not-a-port"]);
    assert.ok(!modules.some((url) => url.endsWith("/dist/main.js")), "serve loaded the runtime before checking --port");
    const started = await modulesLoadedBy(
      ["admin", "create", "--username", "a", "--password-stdin", "--data-dir", join(scratch, "data")],
      "a long enough password",
    );
    assert.ok(
      started.modules.some((url) => url.endsWith("/dist/main.js")),
      "admin create never loaded the runtime: the tracer is blind",
    );
    assertCompiledOnly(started.modules, started.execArgv);
  });
});
