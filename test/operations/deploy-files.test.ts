import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/config/load-config.ts";

const deploy = join(import.meta.dirname, "..", "..", "deploy");
const unit = readFileSync(join(deploy, "repolink.service"), "utf8");

function systemdAnalyze(): string | false {
  try {
    execFileSync("systemd-analyze", ["--version"], { stdio: "ignore" });
    return false;
  } catch {
    return "systemd-analyze is not installed";
  }
}

/** Runs `systemd-analyze verify` on the unit text (node's path swapped for this machine's) and returns what it said. */
function verify(text: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "repolink-unit-"));
  const file = join(dir, "repolink.service");
  writeFileSync(file, text.replaceAll("/usr/bin/node ", `${process.execPath} `));
  return new Promise((resolve) =>
    execFile("systemd-analyze", ["verify", file], (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, output: stdout + stderr });
    }),
  );
}

describe("deploy/: the systemd unit and its environment file", () => {
  it("carries the hardening profile, the data dir writable and the master key as a credential", () => {
    const settings = new Set(unit.split("\n").filter((line) => /^[A-Z]\w+=/.test(line)));
    for (const line of [
      "User=repolink",
      "ProtectSystem=strict",
      "ReadWritePaths=/var/lib/repolink",
      "NoNewPrivileges=yes",
      "LoadCredential=master.key:/etc/repolink/master.key",
      "Environment=REPOLINK_MASTER_KEY_FILE=%d/master.key",
      "ExecReload=/bin/kill -HUP $MAINPID",
      "KillSignal=SIGTERM",
    ]) {
      assert.ok(settings.has(line), `${line} is missing`);
    }
    assert.doesNotMatch(unit, /REPOLINK_MASTER_KEY=/, "the key itself must not be in the unit");
  });

  it("passes systemd-analyze verify without a warning, and the check is not blind", { skip: systemdAnalyze() }, async () => {
    const verified = await verify(unit);
    assert.deepEqual(verified, { code: 0, output: "" });
    const broken = await verify(unit.replace("ProtectSystem=strict", "ProtectSystem=everything"));
    assert.match(broken.output, /protect system value/i);
  });

  it("the environment template is a configuration Repolink accepts, with no secret in it", () => {
    const template = readFileSync(join(deploy, "repolink.env"), "utf8");
    const env = Object.fromEntries(
      template
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    assert.ok(!("REPOLINK_MASTER_KEY" in env) && !("REPOLINK_MASTER_KEY_FILE" in env), "the key comes from LoadCredential=");
    const config = loadConfig({ ...env, REPOLINK_DATA_DIR: "/var/lib/repolink" });
    assert.deepEqual(config.tls, { certFile: "/etc/repolink/tls/fullchain.pem", keyFile: "/etc/repolink/tls/privkey.pem" });
    assert.equal(config.shutdownTimeoutSeconds, 30);
  });
});
