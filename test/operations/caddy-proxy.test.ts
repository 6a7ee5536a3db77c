import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { runCli, startServe } from "../support/run-cli.ts";
import { deployFile } from "../support/run-nginx.ts";
import { makeTestCertificate, type TestCertificate } from "../support/test-certificate.ts";
import { freePort, itKeepsTheClientsAddress, waitForPort } from "../support/via-proxy.ts";

const deployConf = deployFile("Caddyfile");

function caddyMissing(): string | false {
  try {
    execFileSync("caddy", ["version"], { stdio: "ignore" });
    return false;
  } catch {
    return "caddy is not installed (apt-get install caddy)";
  }
}

describe("behind Debian's caddy with the Caddyfile in deploy/ (README)", { skip: caddyMissing() }, () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-caddy-"));
  const env = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn", REPOLINK_TRUSTED_PROXIES: "127.0.0.1" };
  let cert: TestCertificate;
  let caddy: ChildProcess | undefined;
  let repolink: Awaited<ReturnType<typeof startServe>> | undefined;
  let front: string;

  before(async () => {
    cert = makeTestCertificate(root, "front");
    const admin = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", join(root, "data")], {
      env,
      stdin: "caddy admin password",
    });
    assert.equal(admin.code, 0, admin.stderr);
    const caddyPort = await freePort();
    front = `https://127.0.0.1:${caddyPort}`;
    repolink = await startServe(["--data-dir", join(root, "data")], { ...env, REPOLINK_PUBLIC_URL: front });
    // The site as deployed, at a test address with a test certificate instead of one from ACME; no admin
    // endpoint and no port-80 redirect, so nothing else on the machine is touched.
    const site = deployConf
      .replace("repolink.example.com {", `${front} {\n\ttls ${cert.certFile} ${cert.keyFile}`)
      .replace("reverse_proxy 127.0.0.1:8080", `reverse_proxy ${new URL(repolink.url).host}`);
    assert.notEqual(site, deployConf);
    writeFileSync(join(root, "Caddyfile"), `{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n}\n${site}`);
    caddy = spawn("caddy", ["run", "--adapter", "caddyfile", "--config", join(root, "Caddyfile")], {
      env: { PATH: process.env.PATH, HOME: root, XDG_DATA_HOME: join(root, "xdg-data"), XDG_CONFIG_HOME: join(root, "xdg-config") },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForPort(caddyPort);
  });
  after(async () => {
    for (const child of [caddy, repolink?.child]) {
      if (!child || child.exitCode !== null) continue;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(root, { recursive: true, force: true });
  });

  itKeepsTheClientsAddress("caddy", () => ({ front, ca: cert.cert, certFile: cert.certFile, root, adminPassword: "caddy admin password" }));
});
