import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { it } from "node:test";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { startGithubFake } from "../github-fake/index.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { startLiveServer } from "../support/live-server.ts";
import { cliPath, runCli } from "../support/run-cli.ts";
import { runnerEnv } from "../support/runner-env.ts";

const exec = promisify(execFile);
const scale = Math.max(0.1, Number(process.env.REPOLINK_LOAD_SCALE ?? "1") || 1);
const API_REQUESTS = Math.round(300 * scale);
const GIT_OPERATIONS = Math.max(2, Math.round(24 * scale));

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

it(
  `load (SECURITY 35): ${API_REQUESTS} concurrent API requests and ` +
    `${GIT_OPERATIONS} concurrent git operations — every one answered, nothing lost`,
  async (t) => {
    const fake = await startGithubFake();
    const server = await startLiveServer();
    const home = mkdtempSync(join(tmpdir(), "repolink-load-"));
    try {
      fake.addUser({ login: "octocat" });
      await fake.addRepo({ owner: "octocat", name: "rocket", private: true, files: { "README.md": "load\n" } });
      const token = fake.addToken({ login: "octocat" });
      assert.equal((await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true })).status, 201);
      assert.equal(
        (await server.api("POST", "/credentials", { name: "bot", type: "token", username: "octocat", secret: token, host: "ghe.test" }))
          .status,
        201,
      );
      assert.equal((await server.api("POST", "/repositories", { url: `${fake.url}/octocat/rocket.git`, credential: "bot" })).status, 201);
      const pipelineToken = String((await server.api("POST", "/tokens", { name: "load-runner" })).body.token);

      // --- API load: every request is launched at once; each records its status and latency.
      type Outcome = { kind: string; status: number; ms: number; error?: string };
      const outcomes: Outcome[] = [];
      const expected = new Map<string, string>(); // credential name → its secret, for those that must remain
      const deletedNames: string[] = [];
      const request = async (kind: string, method: string, path: string, body?: unknown): Promise<Outcome> => {
        const t0 = performance.now();
        try {
          const response = await fetch(`${server.url}/api/v1${path}`, {
            method,
            headers: {
              authorization: `Bearer ${server.adminToken}`,
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          await response.arrayBuffer();
          const outcome = { kind, status: response.status, ms: performance.now() - t0 };
          outcomes.push(outcome);
          return outcome;
        } catch (error) {
          const outcome = { kind, status: 0, ms: performance.now() - t0, error: String((error as { cause?: unknown }).cause ?? error) };
          outcomes.push(outcome);
          return outcome;
        }
      };
      const tasks: Promise<unknown>[] = [];
      let planned = 0;
      for (let i = 0; planned < API_REQUESTS; i++) {
        const kind = i % 5;
        if (kind === 0) {
          tasks.push(request("list-credentials", "GET", "/credentials"));
          planned += 1;
        } else if (kind === 1) {
          tasks.push(request("get-repository", "GET", "/repositories/octocat/rocket"));
          planned += 1;
        } else if (kind === 2) {
          const name = `load-keep-${i}`;
          const secret = generateTestToken();
          expected.set(name, secret);
          tasks.push(
            request("create", "POST", "/credentials", {
              name,
              type: "token",
              username: "octocat",
              secret,
              host: "ghe.test",
              validate: false,
            }),
          );
          planned += 1;
        } else if (kind === 3) {
          const name = `load-drop-${i}`;
          deletedNames.push(name);
          tasks.push(
            request("create", "POST", "/credentials", {
              name,
              type: "token",
              username: "octocat",
              secret: generateTestToken(),
              host: "ghe.test",
              validate: false,
            }).then(() => request("delete", "DELETE", `/credentials/${name}`)),
          );
          planned += 2;
        } else {
          tasks.push(request("audit", "GET", "/audit?limit=100"));
          planned += 1;
        }
      }

      // --- Git load at the same time: half `repolink checkout` into separate dirs, half git's own ls-remote through the helper.
      const env = runnerEnv(home, server.url, pipelineToken);
      const helper = `!'${process.execPath}' '${cliPath}' git-credential`;
      const gitOutcomes: { kind: string; ok: boolean; ms: number; detail: string }[] = [];
      const gitTasks = Array.from({ length: GIT_OPERATIONS }, async (_, i) => {
        const t0 = performance.now();
        if (i % 2 === 0) {
          const dir = join(home, `work-${i}`);
          const result = await runCli(["checkout", "octocat/rocket", dir], { env });
          const ok = result.code === 0 && readFileSync(join(dir, "README.md"), "utf8") === "load\n";
          gitOutcomes.push({ kind: "checkout", ok, ms: performance.now() - t0, detail: result.stderr.slice(0, 300) });
        } else {
          const result = await exec("git", ["-c", `credential.helper=${helper}`, "ls-remote", `${fake.url}/octocat/rocket.git`], {
            env: { ...process.env, ...env },
          }).then(
            (r) => ({ ok: /refs\/heads\/main/.test(r.stdout), detail: r.stderr }),
            (e: { stderr?: string }) => ({ ok: false, detail: String(e.stderr ?? e).slice(0, 300) }),
          );
          gitOutcomes.push({ kind: "ls-remote", ...result, ms: performance.now() - t0 });
        }
      });

      const started = performance.now();
      await Promise.all([...tasks, ...gitTasks]);
      const duration = performance.now() - started;

      const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
      const gitLatencies = gitOutcomes.map((o) => o.ms).sort((a, b) => a - b);
      const byStatus = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
      t.diagnostic(
        `scale ${scale}: ${outcomes.length} API requests and ${gitOutcomes.length} git operations in ${Math.round(duration)} ms ` +
          `(${Math.round((outcomes.length / duration) * 1000)} API req/s)`,
      );
      t.diagnostic(
        `API latency p50 ${Math.round(percentile(latencies, 50))} ms, p99 ${Math.round(percentile(latencies, 99))} ms, ` +
          `max ${Math.round(latencies.at(-1) ?? 0)} ms; statuses ${JSON.stringify(byStatus)}`,
      );
      t.diagnostic(`git latency p50 ${Math.round(percentile(gitLatencies, 50))} ms, p99 ${Math.round(percentile(gitLatencies, 99))} ms`);

      assert.equal(outcomes.length, API_REQUESTS, "every API request got an answer");
      assert.deepEqual(
        outcomes.filter((o) => o.status === 0),
        [],
        "no socket errors",
      );
      const wrong = outcomes.filter((o) =>
        o.kind === "create" ? o.status !== 201 : o.kind === "delete" ? o.status !== 204 : o.status !== 200,
      );
      assert.deepEqual(wrong.slice(0, 5), [], `every request answered as intended (${wrong.length} not)`);
      assert.deepEqual(
        gitOutcomes.filter((o) => !o.ok),
        [],
        "every git operation succeeded",
      );
      // How fast is measured by `npm run bench`, not asserted here: a busy machine must not fail this test.

      // --- Nothing lost: every kept credential is listed and opens to its secret; dropped ones are gone; one audit entry per create.
      const listed = new Set(((await server.api("GET", "/credentials")).body.items as { name: string }[]).map((c) => c.name));
      for (const name of expected.keys()) assert.ok(listed.has(name), `${name} is listed`);
      for (const name of deletedNames) assert.ok(!listed.has(name), `${name} was deleted`);
      const deps = server.runtime.deps;
      for (const [name, secret] of expected) {
        const stored = await deps.store.credentials.findByName(name, null);
        assert.ok(stored, name);
        const payload = await openPayload(deps, stored);
        assert.equal(payload.kind === "token" ? payload.token : "", secret, `${name} opens to its secret`);
      }
      const audit = await deps.store.audit.list({ limit: 100_000 });
      const creates = new Map<string, number>();
      for (const event of audit)
        if (event.action === "credential.create" && event.outcome === "success")
          creates.set(event.targetName ?? "", (creates.get(event.targetName ?? "") ?? 0) + 1);
      for (const name of [...expected.keys(), ...deletedNames]) assert.equal(creates.get(name), 1, `one audit entry for creating ${name}`);
      const deletes = audit.filter((e) => e.action === "credential.delete" && e.outcome === "success").length;
      assert.equal(deletes, deletedNames.length, "one audit entry per delete");
      t.diagnostic(
        `verified ${expected.size} kept credentials open to their secrets, ${deletedNames.length} deleted, ` +
          `${creates.size} create and ${deletes} delete audit entries`,
      );
    } finally {
      await server.close();
      await fake.close();
      rmSync(home, { recursive: true, force: true });
    }
  },
);
