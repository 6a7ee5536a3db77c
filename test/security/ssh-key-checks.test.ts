import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { runCli } from "../support/run-cli.ts";

const exec = promisify(execFile);

// Issue 14 item 8 (hardening): an SSH key was stored unparsed, and a wrong passphrase still
// answered "Stored credential". Now the key is read on add and update, its passphrase must open
// it, and the API and CLI show its type and public-key fingerprint.
describe("SSH keys are checked on add and update (issue 14 item 8)", () => {
  let server: LiveServer;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const passphrase = `sweep ${randomBytes(8).toString("hex")}`;
  const keys: Record<"encrypted" | "plain", { file: string; privateKey: string; fingerprint: string }> = {} as never;

  before(async () => {
    server = await startLiveServer();
    home = mkdtempSync(join(tmpdir(), "repolink-ssh-keys-"));
    env = { HOME: home, REPOLINK_SERVER: server.url, REPOLINK_TOKEN: server.adminToken, REPOLINK_CLI_CONFIG: join(home, "none.json") };
    for (const [name, secret] of [
      ["encrypted", passphrase],
      ["plain", ""],
    ] as const) {
      const file = join(home, name);
      await exec("ssh-keygen", ["-q", "-t", "ed25519", "-N", secret, "-C", name, "-f", file]);
      const { stdout } = await exec("ssh-keygen", ["-l", "-E", "sha256", "-f", `${file}.pub`]);
      keys[name] = { file, privateKey: readFileSync(file, "utf8"), fingerprint: stdout.split(" ")[1] ?? "" };
    }
  });
  after(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  const credentialNames = async () => (await server.runtime.deps.store.credentials.list()).map((c) => c.name).sort();

  it("refuses an encrypted key without its passphrase or with a wrong one, storing nothing and echoing nothing", async () => {
    const before = await credentialNames();
    for (const [body, code] of [
      [{ privateKey: keys.encrypted.privateKey }, "SSH_KEY_PASSPHRASE_REQUIRED"],
      [{ privateKey: keys.encrypted.privateKey, passphrase: `${passphrase}!` }, "SSH_KEY_PASSPHRASE_WRONG"],
    ] as const) {
      const answer = await server.api("POST", "/credentials", { name: "deploy-key", type: "ssh-key", validate: false, ...body });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      const error = answer.body.error as { code: string; field: string };
      assert.deepEqual([error.code, error.field], [code, "passphrase"]);
      assert.ok(!JSON.stringify(answer.body).includes(passphrase), "the passphrase is not echoed");
    }
    assert.deepEqual(await credentialNames(), before, "nothing was stored");
  });

  it("stores a key whose passphrase opens it and shows its type and fingerprint in the API and `credential show`", async () => {
    const answer = await server.api("POST", "/credentials", {
      name: "deploy-key",
      type: "ssh-key",
      validate: false,
      privateKey: keys.encrypted.privateKey,
      passphrase,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal((answer.body.credential as { preview: string }).preview, `ssh-ed25519 ${keys.encrypted.fingerprint}`);
    const shown = await runCli(["credential", "show", "deploy-key"], { env });
    assert.equal(shown.code, 0, shown.stderr);
    assert.ok(shown.stdout.includes(`ssh-ed25519 ${keys.encrypted.fingerprint}`), shown.stdout);
  });

  it("`repolink credential add --type ssh-key` refuses a wrong passphrase with its code, then stores with the right one", async () => {
    const addKey = (passphraseFlags: string[], stdin?: string) =>
      runCli(
        [
          "credential",
          "add",
          "--name",
          "cli-key",
          "--type",
          "ssh-key",
          "--key-file",
          keys.encrypted.file,
          ...passphraseFlags,
          "--no-validate",
        ],
        {
          env,
          ...(stdin === undefined ? {} : { stdin }),
        },
      );
    const wrong = await addKey(["--passphrase-stdin"], "not the passphrase\n");
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /SSH_KEY_PASSPHRASE_WRONG/);
    assert.doesNotMatch(wrong.stdout, /Stored credential/);
    assert.ok(!(await credentialNames()).includes("cli-key"));
    const missing = await addKey([]);
    assert.match(missing.stderr, /SSH_KEY_PASSPHRASE_REQUIRED/);
    const right = await addKey(["--passphrase-stdin"], `${passphrase}\n`);
    assert.equal(right.code, 0, right.stderr);
    assert.match(right.stdout, /Stored credential "cli-key"/);
    assert.ok(right.stdout.includes(keys.encrypted.fingerprint), right.stdout);
  });

  it("checks a replacement key on update the same way, keeping the old key when the new one is refused", async () => {
    const path = "/credentials/deploy-key";
    const refused = await server.api("PATCH", path, {
      privateKey: keys.encrypted.privateKey,
      passphrase: "wrong passphrase",
      validate: false,
    });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal((refused.body.error as { code: string }).code, "SSH_KEY_PASSPHRASE_WRONG");
    const kept = await server.api("GET", path);
    assert.equal((kept.body.credential as { version: number }).version, 1);
    const replaced = await server.api("PATCH", path, { privateKey: keys.plain.privateKey, validate: false });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal((replaced.body.credential as { preview: string }).preview, `ssh-ed25519 ${keys.plain.fingerprint}`);
  });
});
