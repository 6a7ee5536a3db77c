import assert from "node:assert/strict";
import { execFile, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { postgresSkip } from "../support/postgres-test-database.ts";
import { startServe } from "../support/run-cli.ts";
import { deployFile, nginxMissing, startNginx, stopNginx } from "../support/run-nginx.ts";
import { freePort } from "../support/via-proxy.ts";
import { makeTestCertificate, type TestCertificate } from "../support/test-certificate.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../support/throwaway-postgres.ts";
import { until as untilHolds } from "../support/until.ts";

const until = (what: string, probe: () => boolean | Promise<boolean>, deadlineMs = 120_000) =>
  untilHolds(what, probe, { deadlineMs, tolerateErrors: true });

// Issue 18 item 4: a rolling restart of two instances on PostgreSQL, behind the nginx configuration
// in deploy/ with both instances as its upstream, under steady API and git load, loses no request.

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

describe("a rolling restart of two instances on PostgreSQL behind nginx", { skip: nginxMissing() || postgresSkip }, () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-rolling-"));
  const env = {
    REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
    REPOLINK_LOG_LEVEL: "warn",
    REPOLINK_TRUSTED_PROXIES: "127.0.0.1",
    DATABASE_URL: "",
  };
  let postgres: ThrowawayPostgres;
  let fake: GithubFake;
  let cert: TestCertificate;
  let nginx: ChildProcess | undefined;
  const ports: number[] = [];
  const instances: (ChildProcess | undefined)[] = [];
  let front = "";
  let token = "";

  const start = async (i: number, setupCode = false) => {
    const served = await startServe(["--data-dir", join(root, `data-${i}`)], env, { port: ports[i]!, setupCode });
    instances[i] = served.child;
    return served;
  };

  /** One API call through nginx; a failed connection is an answer of status 0. */
  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${front}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  before(async () => {
    chmodSync(root, 0o755);
    postgres = await startThrowawayPostgres();
    env.DATABASE_URL = postgres.url;
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    await fake.addRepo({ owner: "octocat", name: "rocket", private: true, files: { "README.md": "hello\n" } });
    ports.push(await freePort(), await freePort());
    const first = await start(0, true);
    await start(1);

    cert = makeTestCertificate(root, "front");
    const nginxPort = await freePort();
    front = `http://127.0.0.1:${nginxPort}`;
    // The deploy/ server block with both instances as its upstream: nginx passes a request whose
    // connection is refused (an instance restarting) to the other one. TLS is nginx-proxy.test.ts's
    // subject; plain HTTP here keeps the test's own clients simple.
    const site = deployFile("nginx-repolink.conf")
      .replace("listen 443 ssl http2;", `listen 127.0.0.1:${nginxPort};`)
      .replace("/etc/repolink/tls/fullchain.pem", cert.certFile)
      .replace("/etc/repolink/tls/privkey.pem", cert.keyFile)
      .replace("http://127.0.0.1:8080", "http://repolink");
    const upstream = deployFile("nginx-repolink-upstream.conf")
      .replace("server 127.0.0.1:8080", `server 127.0.0.1:${ports[0]}`)
      .replace("server 127.0.0.1:8081", `server 127.0.0.1:${ports[1]}`);
    nginx = await startNginx(root, upstream + site, nginxPort);

    const password = "rolling restart admin password";
    const setup = await fetch(`${first.url}/api/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ setupCode: first.setupCode, username: "admin", password }),
    });
    assert.equal(setup.status, 201, await setup.text());
    const login = await fetch(`${first.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password, name: "rolling" }),
    });
    token = String(((await login.json()) as { token: string }).token);
  });

  after(async () => {
    if (nginx) await stopNginx(nginx);
    for (const child of instances) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      child.kill("SIGKILL");
      await exited(child);
    }
    await postgres?.destroy();
    await fake?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it(
    "each instance drains and exits 0 in turn while API writes, reads and git clones through the gateway all succeed",
    { timeout: 600_000 },
    async () => {
      assert.equal((await api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true })).status, 201);
      const secret = fake.addToken({ login: "octocat" });
      const credential = await api("POST", "/credentials", { name: "bot", type: "token", username: "octocat", secret, host: "ghe.test" });
      assert.equal(credential.status, 201, JSON.stringify(credential.body));
      const repository = await api("POST", "/repositories", { url: `${fake.url}/octocat/rocket.git`, credential: "bot" });
      assert.equal(repository.status, 201, JSON.stringify(repository.body));

      const failures: string[] = [];
      const acknowledged: string[] = [];
      let reads = 0;
      let clones = 0;
      let stop = false;
      const apiWorker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const name = `rolling-${w}-${i}`;
          try {
            const write = await api("POST", "/credentials", {
              name,
              type: "token",
              username: "bot",
              secret: generateTestToken(),
              validate: false,
            });
            if (write.status === 201) acknowledged.push(name);
            else failures.push(`write ${name}: ${write.status} ${JSON.stringify(write.body)}`);
            const read = await api("GET", "/repositories");
            if (read.status === 200) reads++;
            else failures.push(`read: ${read.status} ${JSON.stringify(read.body)}`);
          } catch (error) {
            failures.push(`${name}: no answer (${String(error)})`);
          }
        }
      };
      const gitWorker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const target = join(root, `clone-${w}-${i}`);
          const outcome = await new Promise<{ code: number; stderr: string }>((resolve) =>
            execFile(
              "git",
              ["clone", "--quiet", `${front}/git/ghe.test/octocat/rocket.git`, target],
              {
                env: {
                  PATH: process.env.PATH,
                  HOME: root,
                  GIT_CONFIG_NOSYSTEM: "1",
                  GIT_TERMINAL_PROMPT: "0",
                  GIT_CONFIG_COUNT: "1",
                  GIT_CONFIG_KEY_0: "http.extraHeader",
                  GIT_CONFIG_VALUE_0: `Authorization: Bearer ${token}`,
                },
              },
              (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr: String(stderr) }),
            ),
          );
          if (outcome.code === 0) clones++;
          else failures.push(`clone ${w}-${i}: exit ${outcome.code}: ${outcome.stderr.trim()}`);
          rmSync(target, { recursive: true, force: true });
        }
      };
      const workers = [...[0, 1, 2, 3].map(apiWorker), ...[0, 1].map(gitWorker)];

      await until("load runs on both instances", () => acknowledged.length >= 20 && clones >= 4);
      for (const i of [0, 1]) {
        const before = { writes: acknowledged.length, clones };
        const child = instances[i]!;
        child.kill("SIGTERM");
        assert.equal(await exited(child), 0, `instance ${i} did not drain and exit 0`);
        await start(i);
        // Both instances answer again before the next one goes down.
        await until(`instance ${i} is back and load went on`, async () => {
          const health = await fetch(`http://127.0.0.1:${ports[i]}/healthz`)
            .then((r) => r.ok)
            .catch(() => false);
          return health && acknowledged.length >= before.writes + 10 && clones >= before.clones + 2;
        });
      }
      stop = true;
      await Promise.all(workers);

      assert.deepEqual(failures, [], `${failures.length} requests lost of ${acknowledged.length + reads + clones}`);
      const names = new Set(((await api("GET", "/credentials")).body.items as { name: string }[] | undefined)?.map((c) => c.name) ?? []);
      assert.deepEqual(
        acknowledged.filter((name) => !names.has(name)),
        [],
        "an acknowledged write is missing",
      );
      assert.ok(reads > 0 && clones > 0);
    },
  );
});
