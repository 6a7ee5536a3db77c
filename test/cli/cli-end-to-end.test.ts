import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { runCli, startServe } from "../support/run-cli.ts";

for (const database of ["sqlite", "postgresql"] as const) {
  describe(`CLI end to end on ${database}`, { skip: database === "postgresql" && postgresSkip }, () => {
    const home = mkdtempSync(join(tmpdir(), "repolink-cli-"));
    const dataDir = join(home, "data");
    const env: NodeJS.ProcessEnv = {
      REPOLINK_CLI_CONFIG: join(home, "cli.json"),
      REPOLINK_DATA_DIR: dataDir,
      REPOLINK_SERVER: "",
      REPOLINK_TOKEN: "",
    };
    let serve: Awaited<ReturnType<typeof startServe>>;
    let dropDatabase: (() => Promise<void>) | undefined;
    const canary = generateTestToken();

    before(async () => {
      if (database === "postgresql") {
        const fresh = await createTestDatabase("cli");
        env.DATABASE_URL = fresh.url;
        dropDatabase = fresh.drop;
      }
      serve = await startServe(["--data-dir", dataDir], env, { setupCode: true });
    });
    after(async () => {
      if (serve !== undefined && serve.child.exitCode === null) {
        const exited = new Promise((resolve) => serve.child.once("exit", resolve));
        serve.child.kill("SIGTERM");
        await exited;
      }
      await dropDatabase?.();
      rmSync(home, { recursive: true, force: true });
    });

    it("prints a setup code, then admin create / login / credential add / list work", async () => {
      assert.match(serve.setupCode ?? "", /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const created = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", dataDir, "--json"], {
        env,
        stdin: "a long password\n",
      });
      assert.equal(created.code, 0, created.stderr);
      assert.equal(JSON.parse(created.stdout).user.role, "admin");

      const wrong = await runCli(["login", "--server", serve.url, "--username", "admin", "--password-stdin"], {
        env,
        stdin: "not the password",
      });
      assert.equal(wrong.code, 3);
      const login = await runCli(["login", "--server", serve.url, "--username", "admin", "--password-stdin", "--json"], {
        env,
        stdin: "a long password\n",
      });
      assert.equal(login.code, 0, login.stderr);
      assert.equal(statSync(join(home, "cli.json")).mode & 0o777, 0o600);

      const add = await runCli(
        [
          "credential",
          "add",
          "--name",
          "release-bot",
          "--type",
          "token",
          "--username",
          "octocat",
          "--secret-stdin",
          "--no-validate",
          "--json",
        ],
        {
          env,
          stdin: `${canary}\n`,
        },
      );
      assert.equal(add.code, 0, add.stderr);
      assert.deepEqual(findCanary(add.stdout + add.stderr, canary), []);
      const list = await runCli(["credential", "list", "--json"], { env });
      assert.equal(list.code, 0, list.stderr);
      const items = JSON.parse(list.stdout) as { name: string; preview: string; scope: string }[];
      assert.deepEqual(
        items.map((c) => [c.name, c.preview, c.scope]),
        [["release-bot", `ghp_…${canary.slice(-4)}`, "global"]],
      );
      const human = await runCli(["credential", "list"], { env });
      assert.match(human.stdout, /release-bot/);
      assert.deepEqual(findCanary(human.stdout, canary), []);
    });

    it("follows the exit-code contract on bad input and missing auth", async () => {
      const noStdin = await runCli(["credential", "add", "--name", "x", "--type", "token", "--no-validate", "--json"], { env });
      assert.equal(noStdin.code, 2);
      assert.equal(JSON.parse(noStdin.stdout).error.field, "secret");
      const typo = generateTestToken().replace(/.$/, (c) => (c === "A" ? "B" : "A"));
      const mistyped = await runCli(["credential", "add", "--name", "typo", "--secret-stdin", "--no-validate", "--json"], {
        env,
        stdin: typo,
      });
      assert.equal(mistyped.code, 2);
      assert.equal(JSON.parse(mistyped.stdout).error.code, "TOKEN_CHECKSUM_MISMATCH");
      assert.ok(!mistyped.stdout.includes(typo) && !mistyped.stderr.includes(typo));
      const missing = await runCli(["credential", "show", "nope", "--json"], { env });
      assert.equal(missing.code, 1);
      const unknownFlag = await runCli(["credential", "list", "--bogus"], { env });
      assert.equal(unknownFlag.code, 2);
      const anonymous = await runCli(["credential", "list", "--json"], {
        env: { ...env, REPOLINK_CLI_CONFIG: join(home, "none.json"), REPOLINK_SERVER: serve.url },
      });
      assert.equal(anonymous.code, 3);
      const badToken = await runCli(["credential", "list"], { env: { ...env, REPOLINK_TOKEN: "rlk_0000000000000000_" + "x".repeat(43) } });
      assert.equal(badToken.code, 3);
    });

    it("shows, updates in place and deletes a credential; issues a pipeline token", async () => {
      const next = generateTestToken();
      const update = await runCli(["credential", "update", "release-bot", "--secret-stdin", "--no-validate", "--json"], {
        env,
        stdin: next,
      });
      assert.equal(update.code, 0, update.stderr);
      const show = await runCli(["credential", "show", "release-bot", "--json"], { env });
      const shown = JSON.parse(show.stdout) as { version: number; preview: string };
      assert.equal(shown.version, 2);
      assert.equal(shown.preview, `ghp_…${next.slice(-4)}`);
      const token = await runCli(["token", "create", "--name", "pipeline", "--json"], { env });
      assert.equal(token.code, 0, token.stderr);
      const pipelineToken = (JSON.parse(token.stdout) as { token: string }).token;
      const asPipeline = await runCli(["credential", "list", "--json"], { env: { ...env, REPOLINK_TOKEN: pipelineToken } });
      assert.equal(asPipeline.code, 0);
      const temp = await runCli(["credential", "add", "--name", "temp", "--secret-stdin", "--no-validate"], {
        env,
        stdin: generateTestToken(),
      });
      assert.equal(temp.code, 0, temp.stderr);
      const removed = await runCli(["credential", "delete", "temp", "--json"], { env });
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal((await runCli(["credential", "show", "temp"], { env })).code, 1);
      assert.deepEqual(findCanary(update.stdout + show.stdout, next), []);
    });

    it("keeps audit events and rotates keys from the CLI", async () => {
      const rotate = await runCli(["keys", "rotate", "--json"], { env });
      assert.equal(rotate.code, 0, rotate.stderr);
      assert.equal(JSON.parse(rotate.stdout).rewrapped, 1);
      const audit = await runCli(["audit", "list", "--limit", "50", "--json"], { env });
      const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((e) => e.action);
      for (const action of ["credential.create", "keys.rotate", "login", "user.create"]) assert.ok(actions.includes(action), action);
      assert.deepEqual(findCanary(audit.stdout, canary), []);
      assert.deepEqual(findCanary(serve.output(), canary), [], "server output");
      if (database === "sqlite") assert.deepEqual(filesContainingCanary(dataDir, canary), []);
      assert.ok(!readFileSync(join(home, "cli.json"), "utf8").includes(canary));
    });
  });
}
