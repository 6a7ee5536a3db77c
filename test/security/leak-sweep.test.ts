import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { it } from "node:test";
import Database from "better-sqlite3";
import { createGuardedFetch } from "../../src/adapters/net/guarded-fetch.ts";
import type { HostNetworkPolicy } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import { startCountingServer } from "../../src/adapters/net/start-counting-server.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { OctokitGithubClient } from "../../src/integrations/github/octokit-github-client.ts";
import { auditAppTokenMint } from "../../src/integrations/github/app/audit-app-token-mint.ts";
import { GithubAppTokens } from "../../src/integrations/github/app/github-app-tokens.ts";
import { useGithubClient } from "../support/use-github-client.ts";
import { SmartHttpProbe } from "../../src/adapters/git/smart-http-probe.ts";
import { startGithubFake } from "../github-fake/index.ts";
import { startLiveServer } from "../support/live-server.ts";
import { cliPath, runCli } from "../support/run-cli.ts";
import { runnerEnv } from "../support/runner-env.ts";
import { findNeedles, leakForms, searchTree, startCmdlineSampler, type Needle } from "./leak-search.ts";

const exec = promisify(execFile);
const alnum = (bytes: number): string => randomBytes(bytes).toString("base64url").replace(/[-_]/g, "x");

/** A TCP server that accepts connections and never answers: the upstream timeout case. */
async function startSilentServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<import("node:net").Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

it(
  "leak sweep (SECURITY 1, 9, 10, 11): no secret in logs, responses, audit, database files, data dir, temp dirs, " +
    "working copies, cache or any cmdline after every operation and forced failure",
  { skip: process.platform !== "linux" },
  async (t) => {
    const started = Date.now();
    const tmpBefore = new Set(readdirSync(tmpdir()));
    const fixtures = mkdtempSync(join(tmpdir(), "repolink-sweep-fixtures-"));
    // The fixtures' own ssh-keygen runs carry the passphrases in argv, so they happen before sampling.
    const passphrases = [`pass${alnum(24)}`, `pass${alnum(24)}`] as const;
    const keyFile = join(fixtures, "id_ed25519");
    await exec("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrases[0], "-C", "sweep", "-f", keyFile]);
    const privateKey = readFileSync(keyFile, "utf8");
    await exec("ssh-keygen", ["-q", "-p", "-P", passphrases[0], "-N", passphrases[1], "-f", keyFile]);
    const privateKey2 = readFileSync(keyFile, "utf8");
    const sampler = startCmdlineSampler(20);
    const fake = await startGithubFake();
    const silent = await startSilentServer();
    const receiver = await startCountingServer((_request, response) => {
      response.statusCode = 204;
      response.end();
    });
    const server = await startLiveServer();
    const closers: (() => Promise<void> | void)[] = [
      () => receiver.close(),
      () => silent.close(),
      () => fake.close(),
      () => rmSync(fixtures, { recursive: true, force: true }),
    ];
    try {
      // GitHub's answers go through short retries and a 1.5 s budget so the timeout case stays quick.
      const fetchers = new Map<string, typeof fetch>();
      const fetchFor = (policy: HostNetworkPolicy): typeof fetch => {
        const key = `${String(policy.allowPrivateNetwork)}|${policy.caBundle ?? ""}`;
        let fetcher = fetchers.get(key);
        if (!fetcher)
          fetchers.set(
            key,
            (fetcher = createGuardedFetch({
              allowPrivateNetwork: policy.allowPrivateNetwork,
              caBundle: policy.caBundle ?? null,
              timeoutMs: 1500,
            })),
          );
        return fetcher;
      };
      const github = new OctokitGithubClient({
        userAgent: "repolink",
        fetchFor,
        retryBaseDelayMs: 10,
        rateLimitRetryCapSeconds: 1,
        timeoutMs: 2000,
      });
      // GitHub Apps as main.ts wires them: each mint audited (never the token).
      const apps = new GithubAppTokens({
        fetchFor,
        retryDelayMs: () => 50,
        onMint: (mint) => auditAppTokenMint(server.runtime.deps, mint),
      });
      useGithubClient(server.runtime.deps, github, { checker: true, apps });
      server.runtime.deps.probe = new SmartHttpProbe({ fetchFor });

      fake.addUser({ login: "octocat" });
      await fake.addRepo({ owner: "octocat", name: "rocket", private: true, files: { "README.md": "hello\n" } });
      const secrets = {
        canary: fake.addToken({ login: "octocat" }),
        updated: fake.addToken({ login: "octocat" }),
        refusedRotation: fake.addToken({ login: "octocat", readOnly: true }),
        safeRotation: fake.addToken({ login: "octocat" }),
        revokedAtCreate: fake.addToken({ login: "octocat", revoked: true }),
        sshPassphrase: passphrases[0],
        sshPassphrase2: passphrases[1],
        webhookSecret: `whsec${alnum(24)}`,
      };
      // A GitHub App (SECURITY 43): its private keys, PEM body lines included, and every installation token it mints.
      await fake.addRepo({ owner: "octocat", name: "satellite", private: true, files: { "README.md": "app\n" } });
      const app = fake.addApp({ owner: "octocat", name: "Sweep App" });
      fake.installApp({ appId: app.id, account: "octocat", repositories: ["octocat/satellite"] });
      const appKey2 = fake.addAppKey(app.id, "pkcs8");
      const pemNeedle = (name: string, pem: string): Needle => {
        const lines = pem.split("\n").filter((line) => line.length >= 60 && !line.startsWith("-----"));
        return { name, forms: [lines.join("").slice(40, 100), ...lines] };
      };
      const keyBody = privateKey
        .split("\n")
        .filter((line) => line && !line.startsWith("-----"))
        .join("");
      const needles: Needle[] = [
        ...Object.entries(secrets).map(([name, secret]) => ({ name, forms: leakForms(secret, ["x-access-token", "octocat"]) })),
        // The key's base64 body lines, raw and as one run, stand for the key material.
        {
          name: "sshPrivateKey",
          forms: [keyBody.slice(20, 70), ...privateKey.split("\n").filter((line) => line.length >= 60 && !line.startsWith("-----"))],
        },
        pemNeedle("appPrivateKey", app.privateKey),
        pemNeedle("appPrivateKey2", appKey2),
      ];

      const responses: string[] = [];
      const timings: [number, string][] = [];
      const outputs: string[] = [];
      const api = async (
        method: string,
        path: string,
        body?: unknown,
        token?: string,
      ): Promise<{ status: number; body: Record<string, unknown> }> => {
        const t0 = Date.now();
        const response = await server.api(method, path, body, token);
        timings.push([Date.now() - t0, `${method} ${path}`]);
        responses.push(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
        return response;
      };
      const expect = async (status: number | number[], method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
        const response = await api(method, path, body);
        const allowed = Array.isArray(status) ? status : [status];
        assert.ok(allowed.includes(response.status), `${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body;
      };
      /** Takes the forced failures the product left unused off the fake; fails if the product used none. */
      const drainForcedFailures = async (forced: number, what: string): Promise<void> => {
        let unused = 0;
        for (;;) {
          const response = await fetch(`${fake.apiUrl}/rate_limit`);
          await response.text();
          if (response.status === 200) break;
          unused++;
          assert.ok(unused <= forced, `${what}: more forced answers than were queued`);
        }
        assert.ok(unused < forced, `${what}: the product never asked GitHub, so the forced failure was not tried`);
      };

      await expect(201, "POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true });
      await expect(201, "POST", "/hosts", { name: "private.test", url: fake.url.replace("127.0.0.1", "localhost") });
      await expect(201, "POST", "/hosts", { name: "slow.test", url: silent.url, allowPrivateNetwork: true });

      // Create (validated against the fake), validate, register a repository and check it.
      await expect(201, "POST", "/credentials", {
        name: "bot",
        type: "token",
        username: "octocat",
        secret: secrets.canary,
        host: "ghe.test",
      });
      await expect(200, "POST", "/credentials/bot/validate");
      await expect(201, "POST", "/repositories", { url: `${fake.url}/octocat/rocket.git`, credential: "bot", needs: "push" });
      await expect(200, "POST", "/repositories/octocat/rocket/validate");
      await expect(200, "GET", "/credentials");
      await expect(200, "GET", "/credentials/bot");
      await expect(200, "GET", "/repositories/octocat/rocket");

      // Forced GitHub failures on validate and on the repository check: each is a finding of the
      // check (200 with the credential's or the connection's status), never a failed request.
      const notChecked = { credential: ["unreachable", "GITHUB_UNREACHABLE"], repository: ["degraded", "GITHUB_UNREACHABLE"] };
      const rateLimited = { credential: ["unreachable", "GITHUB_RATE_LIMITED"], repository: ["degraded", "GITHUB_RATE_LIMITED"] };
      const failures = [
        {
          failure: { kind: "status", status: 401 },
          credential: ["invalid", "GITHUB_TOKEN_REVOKED"],
          repository: ["failing", "GITHUB_TOKEN_REVOKED"],
        },
        { failure: { kind: "status", status: 403 }, ...notChecked },
        { failure: { kind: "status", status: 404 }, ...notChecked },
        { failure: { kind: "status", status: 500 }, ...notChecked },
        { failure: { kind: "status", status: 502 }, ...notChecked },
        { failure: { kind: "primary-rate-limit", resetInSeconds: 3600 }, ...rateLimited },
        { failure: { kind: "secondary-rate-limit", retryAfterSeconds: 3600 }, ...rateLimited },
      ] as const;
      for (const { failure, credential, repository } of failures) {
        const what = JSON.stringify(failure);
        fake.failNext(failure, 3);
        const validated = await api("POST", "/credentials/bot/validate");
        await drainForcedFailures(3, `credential validate under ${what}`);
        const result = validated.body.result as { status: string; problems: { code: string }[] } | undefined;
        assert.deepEqual(
          [validated.status, result?.status, result?.problems[0]?.code],
          [200, ...credential],
          `credential validate under ${what}: ${JSON.stringify(validated.body)}`,
        );
        fake.failNext(failure, 3);
        const checked = await api("POST", "/repositories/octocat/rocket/validate");
        await drainForcedFailures(3, `repository check under ${what}`);
        const check = checked.body.check as { status: string; reasonCode: string | null } | undefined;
        assert.deepEqual(
          [checked.status, check?.status, check?.reasonCode],
          [200, ...repository],
          `repository check under ${what}: ${JSON.stringify(checked.body)}`,
        );
      }
      // A refused private address (never contacted), a refused host mismatch, a revoked token, a timeout.
      const restBefore = fake.counters.rest;
      const privateCreate = await api("POST", "/credentials", {
        name: "priv",
        type: "token",
        username: "octocat",
        secret: secrets.canary,
        host: "private.test",
      });
      assert.deepEqual(
        [privateCreate.status, privateCreate.body.error],
        [502, { code: "HOST_ADDRESS_REFUSED", message: "Repolink refused to connect: the address is not allowed for this host." }],
      );
      assert.equal(fake.counters.rest, restBefore, "the private address was never contacted");
      await expect(400, "POST", "/repositories", {
        url: `${fake.url.replace("127.0.0.1", "localhost")}/octocat/rocket.git`,
        credential: "bot",
      });
      await expect(400, "POST", "/credentials", {
        name: "revoked",
        type: "token",
        username: "octocat",
        secret: secrets.revokedAtCreate,
        host: "ghe.test",
      });
      // Timeout: the credential is stored unchecked, saying GitHub could not be reached in time.
      const timedOut = (
        await expect(201, "POST", "/credentials", {
          name: "slow",
          type: "token",
          username: "octocat",
          secret: secrets.canary,
          host: "slow.test",
        })
      ).credential as { status: string; validation: { problems: { code: string; message: string }[] } };
      assert.equal(timedOut.status, "unchecked");
      assert.deepEqual(
        timedOut.validation.problems.map((p) => p.code),
        ["GITHUB_UNREACHABLE"],
      );
      assert.match(timedOut.validation.problems[0]?.message ?? "", /timeout/);
      const slowValidate = (await expect(200, "POST", "/credentials/slow/validate")).result as {
        status: string;
        problems: { code: string; message: string }[];
      };
      assert.deepEqual([slowValidate.status, slowValidate.problems.map((p) => p.code)], ["unreachable", ["GITHUB_UNREACHABLE"]]);
      assert.match(slowValidate.problems[0]?.message ?? "", /timeout/);
      assert.ok(silent.connections() >= 2, "the silent host was asked and kept Repolink waiting");
      await expect(204, "DELETE", "/credentials/slow");
      await expect(404, "DELETE", "/credentials/priv");

      // Checkout and push through the CLI, with a pipeline token, and git's own helper use.
      const home = mkdtempSync(join(tmpdir(), "repolink-sweep-home-"));
      closers.push(() => rmSync(home, { recursive: true, force: true }));
      const pipelineToken = String((await expect(201, "POST", "/tokens", { name: "sweep-runner" })).token);
      const env = runnerEnv(home, server.url, pipelineToken);
      const cli = async (args: string[], stdin?: string, keepStdout = true) => {
        const t0 = Date.now();
        const result = await runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });
        timings.push([Date.now() - t0, args.join(" ")]);
        outputs.push(
          `repolink ${args.join(" ")} → ${result.code}\n${result.stderr}${keepStdout ? result.stdout : "[stdout: the helper's answer]"}`,
        );
        return result;
      };
      const git = async (args: string[]) => {
        const result = await exec("git", args, { env: { ...process.env, ...env } }).then(
          (r) => ({ code: 0, ...r }),
          (e: { code?: number; stdout?: string; stderr?: string }) => ({
            code: e.code ?? 1,
            stdout: e.stdout ?? "",
            stderr: e.stderr ?? "",
          }),
        );
        outputs.push(`git ${args.join(" ")} → ${result.code}\n${result.stderr}${result.stdout}`);
        return result;
      };
      const work = join(home, "work");
      assert.equal((await cli(["checkout", "octocat/rocket", work])).code, 0);
      writeFileSync(join(work, "a.txt"), "1\n");
      await git(["-C", work, "add", "a.txt"]);
      await git(["-C", work, "commit", "-qm", "one"]);
      assert.equal((await cli(["push", work, "--refspec", "HEAD:refs/heads/main"])).code, 0);
      const helperInput = `protocol=http\nhost=${new URL(fake.url).host}\npath=octocat/rocket.git\n`;
      const got = await cli(["git-credential", "get"], helperInput, false);
      assert.match(
        got.stdout,
        new RegExp(`password=${secrets.canary}`),
        "the helper hands the token to the authenticated pipeline (the one intended disclosure)",
      );
      const helper = `!'${process.execPath}' '${cliPath}' git-credential`;
      assert.equal((await git(["-c", `credential.helper=${helper}`, "ls-remote", `${fake.url}/octocat/rocket.git`])).code, 0);
      assert.equal(
        (await git(["-c", `credential.helper=${helper}`, "clone", "-q", `${fake.url}/octocat/rocket.git`, join(home, "plain-clone")])).code,
        0,
      );
      assert.equal((await cli(["git-credential", "erase"], helperInput)).code, 0);

      // The App: stored, checked, a repository connected, a plain clone through the helper, the key rotated safely.
      await expect(201, "POST", "/credentials", {
        name: "app",
        type: "github-app",
        appId: String(app.id),
        privateKey: app.privateKey,
        host: "ghe.test",
      });
      await expect(201, "POST", "/repositories", { url: `${fake.url}/octocat/satellite.git`, credential: "app", needs: "push" });
      await expect(200, "POST", "/repositories/octocat/satellite/validate");
      await expect(200, "GET", "/credentials/app");
      assert.equal(
        (
          await git([
            "-c",
            `credential.helper=${helper}`,
            "-c",
            "credential.useHttpPath=true",
            "clone",
            "-q",
            `${fake.url}/octocat/satellite.git`,
            join(home, "app-clone"),
          ])
        ).code,
        0,
        "a plain clone with the App's installation token",
      );
      fake.failNext({ kind: "status", status: 500 }, 3);
      await api("POST", "/repositories/octocat/satellite/validate");
      await drainForcedFailures(3, "the App's check under a forced 500");
      await expect(200, "PATCH", "/credentials/app", { privateKey: appKey2, safe: true });
      fake.dropOldAppKeys(app.id);
      await expect(200, "POST", "/repositories/octocat/satellite/validate");
      // A health cycle over the App: its installation token asks GitHub's GraphQL API, its headers set the budget.
      const appCredential = (await expect(200, "GET", "/credentials/app")).credential as { id: string };
      const appCycle = await runHealthCycle(server.runtime.deps, { credentialIds: [appCredential.id], wait: true });
      assert.equal(appCycle.repositoriesChecked, 1, `the App's repository was checked by a health cycle: ${JSON.stringify(appCycle)}`);
      assert.ok(appCycle.apiUnitsUsed >= 1, "with its installation token's GraphQL query");
      // The Git gateway: the runner's git holds only its API token (environment config, never argv);
      // clone, fetch and push through it, and `checkout --via-gateway`.
      const gatewayUrl = `${server.url}/git/ghe.test/octocat/rocket.git`;
      const runnerGit = (args: string[]) =>
        exec("git", args, {
          env: {
            ...env,
            PATH: process.env.PATH,
            GIT_CONFIG_COUNT: "1",
            GIT_CONFIG_KEY_0: "http.extraHeader",
            GIT_CONFIG_VALUE_0: `Authorization: Bearer ${pipelineToken}`,
          },
        }).then(
          (r) => ({ code: 0, ...r }),
          (e: { code?: number; stdout?: string; stderr?: string }) => ({
            code: e.code ?? 1,
            stdout: e.stdout ?? "",
            stderr: e.stderr ?? "",
          }),
        );
      const viaGateway = join(home, "via-gateway");
      const gatewayRuns = [
        await runnerGit(["clone", "-q", "--", gatewayUrl, viaGateway]),
        await runnerGit(["-C", viaGateway, "fetch", "-q", "origin"]),
      ];
      writeFileSync(join(viaGateway, "g.txt"), "through the gateway\n");
      await git(["-C", viaGateway, "add", "g.txt"]);
      await git(["-C", viaGateway, "commit", "-qm", "gateway"]);
      gatewayRuns.push(await runnerGit(["-C", viaGateway, "push", "-q", "origin", "HEAD:refs/heads/via-gateway"]));
      gatewayRuns.push(await runnerGit(["ls-remote", "--", gatewayUrl.replace("rocket", "not-registered")]));
      for (const run of gatewayRuns) outputs.push(`gateway git → ${run.code}\n${run.stderr}${run.stdout}`);
      assert.deepEqual(
        gatewayRuns.map((run) => run.code),
        [0, 0, 0, 128],
        gatewayRuns.map((run) => run.stderr).join("\n"),
      );
      assert.equal((await cli(["checkout", "octocat/rocket", join(home, "cli-via-gateway"), "--via-gateway"])).code, 0);
      const gatewayProbe = await fetch(`${gatewayUrl}/info/refs?service=git-upload-pack`, {
        headers: { authorization: `Bearer ${pipelineToken}` },
      });
      responses.push(Buffer.from(await gatewayProbe.arrayBuffer()).toString("latin1"));

      // Plain update, safe rotation refused and applied, key rotation, checkout with the new secret.
      await expect(200, "PATCH", "/credentials/bot", { secret: secrets.updated });
      await expect([400, 409, 422], "PATCH", "/credentials/bot", { secret: secrets.refusedRotation, safe: true });
      await expect(200, "PATCH", "/credentials/bot", { secret: secrets.safeRotation, safe: true });
      await expect(200, "POST", "/keys/rotate");
      assert.equal((await cli(["checkout", "octocat/rocket", join(home, "after-rotation")])).code, 0);
      assert.equal((await cli(["checkout", "octocat/rocket", work])).code, 0, "updating the first working copy");

      // Webhooks: secret is a canary; a test ping is delivered; a private receiver without the flag is refused.
      await expect(201, "POST", "/webhooks", {
        name: "ops",
        url: `${receiver.origin}/hook`,
        secret: secrets.webhookSecret,
        allowPrivateNetwork: true,
      });
      await expect(400, "POST", "/webhooks", { name: "ops2", url: `${receiver.origin}/hook`, secret: secrets.webhookSecret });
      await api("POST", "/webhooks/ops/test");
      await api("GET", "/webhooks/ops/deliveries");

      // SSH key credential with a passphrase: create, validate, update the passphrase, delete.
      await expect(201, "POST", "/credentials", {
        name: "deploy-key",
        type: "ssh-key",
        privateKey,
        passphrase: secrets.sshPassphrase,
        host: "ghe.test",
        validate: false,
      });
      await api("POST", "/credentials/deploy-key/validate");
      await expect(200, "PATCH", "/credentials/deploy-key", {
        privateKey: privateKey2,
        passphrase: secrets.sshPassphrase2,
        validate: false,
      });
      await expect(204, "DELETE", "/credentials/deploy-key");

      // Revocation: validate notices it, checkout fails fast, git's rejection reaches erase.
      fake.revokeToken(secrets.safeRotation);
      await expect(200, "POST", "/credentials/bot/validate");
      assert.notEqual((await cli(["checkout", "octocat/rocket", join(home, "revoked")])).code, 0, "checkout with a revoked token fails");
      await expect(200, "POST", "/repositories/octocat/rocket/validate");
      assert.notEqual((await git(["-c", `credential.helper=${helper}`, "ls-remote", `${fake.url}/octocat/rocket.git`])).code, 0);

      // Delete: refused while in use, then forced; the webhook too.
      await expect(409, "DELETE", "/credentials/bot");
      await expect(204, "DELETE", "/credentials/bot?force=true");
      await expect(204, "DELETE", "/webhooks/ops");
      await expect(200, "GET", "/audit?limit=1000");
      await expect(200, "GET", "/repositories");
      // Work the requests left running (the re-check after the plain update) ends before the search.
      await server.settled();
      assert.deepEqual(await server.runtime.deps.store.health.listCycles(100, true), [], "no health cycle is still running");

      const installationTokens = fake.installationTokens().map((t) => t.value);
      assert.ok(installationTokens.length >= 2, "the App minted installation tokens");
      needles.push(
        ...installationTokens.map((token, i) => ({ name: `installationToken${i}`, forms: leakForms(token, ["x-access-token"]) })),
      );
      const { lines, samples, environs } = await sampler.stop();
      const hits: string[] = [];
      hits.push(...findNeedles("server logs", server.logs.text, needles));
      for (const response of responses) hits.push(...findNeedles(`API response ${response.slice(0, 60)}`, response, needles));
      for (const output of outputs) hits.push(...findNeedles(`output of ${output.split("\n")[0]?.slice(0, 80)}`, output, needles));
      hits.push(...findNeedles("GitHub fake request log", fake.log.join("\n"), needles));
      for (const request of receiver.requests) hits.push(...findNeedles("webhook delivery", JSON.stringify(request), needles));
      for (const line of lines) hits.push(...findNeedles(`cmdline ${line.slice(0, 80)}`, line, needles));
      // Environments: the runner's git (its HOME) and the gateway's upload-pack hold no stored secret. Only the
      // server's own fetch into a mirror carries one there, as git needs it, and only in its environment.
      // (An upload-pack of this small repository lives a few ms and may go unsampled: git-gateway-faults.test.ts
      // reads the environment of one held mid-pack.)
      const runnerEnvirons = environs.filter((e) => e.environ.includes(`HOME=${home}\n`));
      const servingEnvirons = environs.filter(
        (e) => /upload-pack/.test(e.cmdline) && e.cmdline.includes(join(server.dataDir, "git", "gateway")),
      );
      for (const sampled of [...runnerEnvirons, ...servingEnvirons])
        hits.push(...findNeedles(`environment of ${sampled.cmdline.slice(0, 80)}`, sampled.environ, needles));

      const audit = (await server.api("GET", "/audit?limit=1000")).body;
      hits.push(...findNeedles("audit via API", JSON.stringify(audit), needles));
      const auditCount = (audit.items as unknown[] | undefined)?.length ?? 0;
      const db = new Database(join(server.dataDir, "repolink.db"), { readonly: true, fileMustExist: true });
      let rows = 0;
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        for (const { name } of tables) {
          for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
            rows++;
            const text = Object.values(row)
              .map((v) => (Buffer.isBuffer(v) ? v.toString("latin1") : String(v)))
              .join("\u0001");
            hits.push(...findNeedles(`database row of ${name}`, text, needles));
          }
        }
      } finally {
        db.close();
      }
      const dataDirFiles = readdirSync(server.dataDir);
      assert.ok(dataDirFiles.includes("repolink.db-wal"), `the WAL file is searched too: ${dataDirFiles.join(", ")}`);
      const open = searchTree(server.dataDir, needles);
      hits.push(...open.hits);
      const home1 = searchTree(home, needles);
      hits.push(...home1.hits);
      const logLinesSearched = server.logs.lines.length;
      await server.close().catch(() => undefined);
      // Whatever was logged while the search ran or the server closed is searched too.
      hits.push(...findNeedles("server logs after the search", server.logs.lines.slice(logLinesSearched).join("\n"), needles));
      const tmpNew = readdirSync(tmpdir()).filter((entry) => !tmpBefore.has(entry));
      const tmpSearch = { hits: [] as string[], files: 0 };
      for (const entry of tmpNew) {
        const result = searchTree(join(tmpdir(), entry), needles, (path) => path === fixtures);
        tmpSearch.hits.push(...result.hits);
        tmpSearch.files += result.files;
      }
      hits.push(...tmpSearch.hits);

      t.diagnostic(
        timings
          .sort((a, b) => b[0] - a[0])
          .slice(0, 12)
          .map(([ms, what]) => `${ms} ${what}`)
          .join("; "),
      );
      const gitLines = [...lines].filter((line) => /\bgit\b|remote-http|git-credential/.test(line));
      t.diagnostic(
        `operations: ${responses.length} API responses, ${outputs.length} CLI/git runs; ` +
          `searched ${rows} database rows, ${auditCount} audit events, ` +
          `${server.logs.lines.length} log lines, ${open.files} data-dir files, ` +
          `${home1.files} working-copy/cache files, ${tmpNew.length} new temp entries (${tmpSearch.files} files), ` +
          `${lines.size} distinct cmdlines in ${samples} samples (${gitLines.length} git), ` +
          `${environs.length} git environments (${runnerEnvirons.length} runner, ${servingEnvirons.length} gateway upload-pack), ` +
          `${needles.length} secrets × ${needles.reduce((n, x) => n + x.forms.length, 0)} forms; ` +
          `${Date.now() - started} ms`,
      );
      assert.ok(
        gitLines.some((line) => /git-credential/.test(line)),
        "the helper process was sampled",
      );
      assert.ok(
        runnerEnvirons.some((e) => e.environ.includes(`Authorization: Bearer ${pipelineToken}`)),
        "a runner git holding only the API token was sampled",
      );
      assert.ok(auditCount > 20, "the audit log recorded the operations");
      assert.deepEqual(hits, [], "no secret leaked");
    } finally {
      await sampler.stop();
      await server.close().catch(() => undefined);
      for (const close of closers.reverse()) await close();
    }
  },
);
