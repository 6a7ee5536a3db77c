import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { runCli, startServe } from "../support/run-cli.ts";
import { deployFile, nginxMissing, startNginx, stopNginx } from "../support/run-nginx.ts";
import { freePort, itKeepsTheClientsAddress } from "../support/via-proxy.ts";
import { makeTestCertificate, type TestCertificate } from "../support/test-certificate.ts";

describe("behind Debian's nginx with the configuration in deploy/ (README)", { skip: nginxMissing() }, () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-nginx-"));
  const env = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn", REPOLINK_TRUSTED_PROXIES: "127.0.0.1" };
  let cert: TestCertificate;
  let nginx: ChildProcess | undefined;
  let repolink: Awaited<ReturnType<typeof startServe>> | undefined;
  let front: string;

  before(async () => {
    chmodSync(root, 0o755);
    cert = makeTestCertificate(root, "front");
    const admin = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", join(root, "data")], {
      env,
      stdin: "nginx admin password",
    });
    assert.equal(admin.code, 0, admin.stderr);
    const nginxPort = await freePort();
    front = `https://127.0.0.1:${nginxPort}`;
    repolink = await startServe(["--data-dir", join(root, "data")], { ...env, REPOLINK_PUBLIC_URL: front });
    const site = deployFile("nginx-repolink.conf")
      .replace("listen 443 ssl http2;", `listen 127.0.0.1:${nginxPort} ssl http2;`)
      .replace("/etc/repolink/tls/fullchain.pem", cert.certFile)
      .replace("/etc/repolink/tls/privkey.pem", cert.keyFile)
      .replace("http://127.0.0.1:8080", repolink.url);
    nginx = await startNginx(root, site, nginxPort);
  });
  after(async () => {
    if (nginx) await stopNginx(nginx);
    const child = repolink?.child;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(root, { recursive: true, force: true });
  });

  itKeepsTheClientsAddress("nginx", () => ({ front, ca: cert.cert, certFile: cert.certFile, root, adminPassword: "nginx admin password" }));
});
