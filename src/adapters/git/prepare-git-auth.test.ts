import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { Secret } from "../../core/secret.ts";
import { checkRemoteUrl } from "./check-remote-url.ts";
import { prepareGitAuth } from "./prepare-git-auth.ts";
import { createPrivateTempDir, sweepLeftovers, tempRoot } from "./private-temp-dir.ts";
import { buildSshCommand, normalizeKnownHosts } from "./ssh-command.ts";

const KNOWN_HOSTS = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";
const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe("SSH and token auth setup (SECURITY 12, 21)", () => {
  let workDir: string;
  before(async () => {
    workDir = await mkdtemp(join(tmpdir(), "repolink-git-auth-"));
  });
  after(() => rm(workDir, { recursive: true, force: true }));

  it("builds an ssh command with only the given key, pinned known_hosts, strict checking and no user config", () => {
    const command = buildSshCommand({
      keyFile: "/t/id",
      knownHostsFile: "/t/kh",
      passphrase: false,
      pinnedAddress: "10.0.0.1",
      hostKeyAlias: "github.com",
    });
    for (const part of [
      "ssh '-F' '/dev/null' '-i' '/t/id'",
      "'StrictHostKeyChecking=yes'",
      "'UserKnownHostsFile=/t/kh'",
      "'GlobalKnownHostsFile=/dev/null'",
      "'IdentitiesOnly=yes'",
      "'BatchMode=yes'",
      "'HostName=10.0.0.1'",
      "'HostKeyAlias=github.com'",
      "'IdentityAgent=none'",
    ]) {
      assert.ok(command.includes(part), part);
    }
    assert.match(buildSshCommand({ keyFile: "/it's", knownHostsFile: "/kh", passphrase: true }), /'\/it'\\''s'.*'BatchMode=no'/);
  });

  it("accepts known_hosts lines and refuses anything else", () => {
    assert.equal(normalizeKnownHosts(`# pinned\r\n${KNOWN_HOSTS}`), KNOWN_HOSTS);
    assert.equal(normalizeKnownHosts(""), null);
    assert.equal(normalizeKnownHosts("github.com not-a-key"), null);
  });

  it("writes the key and known_hosts 0600 and the askpass 0700 in a 0700 dir, and removes them afterwards", async () => {
    const temp = await createPrivateTempDir(workDir);
    assert.equal(await mode(tempRoot(workDir)), 0o700);
    assert.equal(await mode(temp.path), 0o700);
    const auth = await prepareGitAuth(
      checkRemoteUrl("git@github.com:o/r.git"),
      {
        kind: "ssh-key",
        privateKey: new Secret(KEY),
        passphrase: new Secret("correct horse battery"),
        knownHosts: KNOWN_HOSTS,
      },
      temp.path,
      "140.82.121.4",
    );
    assert.equal(await mode(join(temp.path, "id_key")), 0o600);
    assert.equal(await mode(join(temp.path, "known_hosts")), 0o600);
    assert.equal(await mode(join(temp.path, "askpass.sh")), 0o700);
    assert.equal(auth.env.SSH_ASKPASS_REQUIRE, "force");
    assert.ok(!JSON.stringify(auth.config).includes("correct horse"), "the passphrase is not in the config");
    const askpass = spawn(join(temp.path, "askpass.sh"), [], { env: { REPOLINK_SSH_PASSPHRASE: "correct horse battery" } });
    const answer = await new Promise<string>((resolve) => {
      let out = "";
      askpass.stdout.on("data", (c: Buffer) => {
        out += c.toString();
      });
      askpass.on("close", () => resolve(out));
    });
    assert.equal(answer, "correct horse battery\n");
    assert.match(auth.config[0]?.[1] ?? "", /HostName=140\.82\.121\.4.*HostKeyAlias=github\.com/);
    await temp.dispose();
    assert.deepEqual(await readdir(tempRoot(workDir)), []);
  });

  it("scopes the token header to the remote's origin and pins the checked address", async () => {
    const auth = await prepareGitAuth(
      checkRemoteUrl("https://ghe.example:8443/o/r.git"),
      { kind: "token", username: "x", token: new Secret("tok-123456789") },
      workDir,
      "10.1.2.3",
    );
    assert.deepEqual(auth.config, [
      ["http.curloptResolve", "ghe.example:8443:10.1.2.3"],
      ["http.extraHeader", ""],
      ["http.https://ghe.example:8443/.extraHeader", `Authorization: Basic ${Buffer.from("x:tok-123456789").toString("base64")}`],
    ]);
  });

  it("refuses a token over SSH, a key over HTTPS and an SSH key without pinned host keys", async () => {
    const mismatch = (e: unknown) => e instanceof AppError && (e.code === "GIT_AUTH_MISMATCH" || e.code === "SSH_KNOWN_HOSTS_INVALID");
    await assert.rejects(
      prepareGitAuth(checkRemoteUrl("git@h:o/r"), { kind: "token", username: "x", token: new Secret("t") }, workDir),
      mismatch,
    );
    await assert.rejects(
      prepareGitAuth(
        checkRemoteUrl("https://h/o/r"),
        { kind: "ssh-key", privateKey: new Secret(KEY), passphrase: null, knownHosts: KNOWN_HOSTS },
        workDir,
      ),
      mismatch,
    );
    await assert.rejects(
      prepareGitAuth(
        checkRemoteUrl("git@h:o/r"),
        { kind: "ssh-key", privateKey: new Secret(KEY), passphrase: null, knownHosts: "" },
        workDir,
      ),
      mismatch,
    );
  });

  it("sweeps directories left by dead processes or older than a day, and keeps live ones", async () => {
    const root = tempRoot(workDir);
    await mkdir(join(root, "op-999999999-dead"), { recursive: true });
    await mkdir(join(root, `op-${process.pid}-old`));
    await utimes(join(root, `op-${process.pid}-old`), new Date(0), new Date(0));
    const live = await createPrivateTempDir(workDir);
    assert.equal(await sweepLeftovers(workDir), 2);
    assert.deepEqual(await readdir(root), [live.path.split("/").pop()]);
    await live.dispose();
  });
});
