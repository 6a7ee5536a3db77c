import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config/load-config.ts";
import { systemActor } from "../../src/core/access/actor.ts";
import { addHost, type NewHost } from "../../src/core/hosts/add-host.ts";
import { masterKeyId } from "../../src/adapters/crypto/master-key-id.ts";
import { openRuntime } from "../../src/main.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { postgresSkip, postgresTestUrl } from "../support/postgres-test-database.ts";
import { runCli } from "../support/run-cli.ts";
import { makeTestCertificate, type TestCertificate } from "../support/test-certificate.ts";

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

interface DoctorReport {
  configuration: Record<string, string>;
  findings: { check: string; status: "ok" | "warn" | "fail"; message: string; remedy?: string }[];
  problems: number;
}

describe("repolink doctor", () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-doctor-"));
  const dataDir = join(root, "data");
  const key = randomBytes(32).toString("hex");
  let fake: GithubFake;
  let tlsHost: Server;
  let tlsUrl: string;
  let cert: TestCertificate;

  /** Registers hosts in the data dir's store, with github.com taken out: this machine may not reach the internet. */
  async function setHosts(hosts: NewHost[]): Promise<void> {
    const runtime = await openRuntime(loadConfig({ REPOLINK_DATA_DIR: dataDir, REPOLINK_MASTER_KEY: key }), { logDestination: quiet });
    try {
      for (const host of await runtime.deps.store.hosts.list()) await runtime.deps.store.hosts.delete(host.id);
      for (const host of hosts) await addHost(runtime.deps, systemActor, host);
    } finally {
      await runtime.close();
    }
  }

  async function doctor(env: Record<string, string>): Promise<{ code: number; report: DoctorReport; stdout: string }> {
    const run = await runCli(["--json", "doctor", "--data-dir", dataDir], { env: { REPOLINK_LOG_LEVEL: "silent", ...env } });
    return { code: run.code, report: JSON.parse(run.stdout) as DoctorReport, stdout: run.stdout + run.stderr };
  }

  before(async () => {
    cert = makeTestCertificate(root, "host", 90);
    fake = await startGithubFake();
    tlsHost = createServer({ cert: cert.cert, key: readFileSync(cert.keyFile) }, (_req, res) => res.end("hello"));
    await new Promise<void>((resolve) => tlsHost.listen(0, "127.0.0.1", resolve));
    tlsUrl = `https://127.0.0.1:${(tlsHost.address() as AddressInfo).port}`;
  });
  after(async () => {
    await fake?.close();
    tlsHost?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("prints the resolved configuration without a secret, and passes on a healthy setup", async () => {
    await setHosts([
      { name: "fake.test", url: fake.url, allowPrivateNetwork: true },
      { name: "tls.test", url: tlsUrl, allowPrivateNetwork: true, caBundle: cert.cert.toString() },
    ]);
    const { code, report, stdout } = await doctor({
      REPOLINK_MASTER_KEY: key,
      REPOLINK_TLS_CERT_FILE: cert.certFile,
      REPOLINK_TLS_KEY_FILE: cert.keyFile,
    });
    assert.equal(code, 0, stdout);
    assert.equal(report.problems, 0);
    assert.deepEqual(
      [report.configuration.dataDir, report.configuration.masterKey],
      [dataDir, "REPOLINK_MASTER_KEY (environment variable)"],
    );
    assert.match(report.configuration.tls ?? "", /host\.crt/);
    assert.ok(!stdout.includes(key), "the master key was printed");
    const byCheck = (check: string): string[] => report.findings.filter((f) => f.check === check).map((f) => `${f.status}: ${f.message}`);
    assert.match(byCheck("master key").join(), new RegExp(`ok: ${masterKeyId(Buffer.from(key, "hex"))} opens the store`));
    assert.match(byCheck("database").join(), /^ok: Reachable; schema \d{3}-[a-z-]+ \(up to date\)/);
    assert.match(byCheck("data dir").join(), /^ok: .*private \(0700\)/);
    assert.match(byCheck("TLS").join(), /^ok: Certificate for .*127\.0\.0\.1/);
    assert.match(byCheck("host tls.test").join("\n"), /ok: TLS: certificate valid until/);
    assert.match(byCheck("host tls.test").join("\n"), /ok: reachable: .* answered HTTP 200/);
    assert.match(byCheck("host fake.test").join("\n"), /warn: .*plain HTTP/);
  });

  it("lists each problem with its remedy and exits 1", async () => {
    await setHosts([
      { name: "untrusted.test", url: tlsUrl, allowPrivateNetwork: true },
      { name: "private.test", url: fake.url },
      { name: "nowhere.test", url: "https://repolink-doctor.invalid" },
    ]);
    chmodSync(dataDir, 0o755);
    try {
      const { code, report } = await doctor({ REPOLINK_MASTER_KEY: randomBytes(32).toString("hex") });
      assert.equal(code, 1);
      const problems = report.findings.filter((f) => f.status === "fail");
      assert.equal(report.problems, problems.length);
      const expectations: [string, RegExp, RegExp][] = [
        ["data dir", /mode 0755/, /chmod 700/],
        [
          "master key",
          new RegExp(`does not open the store\\. The store needs master key ${masterKeyId(Buffer.from(key, "hex"))}`),
          /master key/,
        ],
        ["host untrusted.test", /TLS: the certificate is not trusted/, /--ca-file/],
        ["host private.test", /private, loopback or link-local/, /--allow-private-network/],
        ["host nowhere.test", /DNS: repolink-doctor\.invalid does not resolve/, /DNS/],
      ];
      for (const [check, message, remedy] of expectations) {
        const found = problems.find((p) => p.check === check && message.test(p.message));
        assert.ok(found, `no problem for ${check} matching ${String(message)}: ${JSON.stringify(problems)}`);
        assert.match(found.remedy ?? "", remedy);
      }
    } finally {
      chmodSync(dataDir, 0o700);
    }
  });

  it("on PostgreSQL, shows the database without its password", { skip: postgresSkip }, async () => {
    const password = `pw-${randomBytes(6).toString("hex")}`;
    const url = new URL(postgresTestUrl);
    url.password = password;
    const { report, stdout } = await doctor({ REPOLINK_MASTER_KEY: key, DATABASE_URL: url.toString() });
    // The tests' database may be another one (REPOLINK_TEST_POSTGRES_URL), so the expected line is built from it.
    assert.equal(
      report.configuration.database,
      `PostgreSQL postgres://${url.host}${url.pathname}, user ${url.username}, password given in DATABASE_URL (not shown)`,
    );
    assert.ok(!stdout.includes(password), "the database password was printed");
    assert.ok(report.findings.some((f) => f.check === "database" && /Reachable/.test(f.message)));
  });
});
