import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { userInfo, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { AppError } from "../../src/core/errors.ts";
import type { GitRemote } from "../../src/core/ports/git-transport.ts";
import { Secret } from "../../src/core/secret.ts";
import { git } from "../github-fake/git-env.ts";
import { buildBareRepo } from "../github-fake/git-repo-builder.ts";
import { filesContainingCanary } from "../support/canary.ts";
import { makeKeyPair, sshdUnavailable, startTestSshd, type TestSshd } from "./start-test-sshd.ts";

const skip = sshdUnavailable();
const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`);

describe("GitCliTransport over SSH with a real sshd (SECURITY 12, 21)", { skip: skip ?? false }, () => {
  let dir: string;
  let sshd: TestSshd;
  let transport: GitCliTransport;
  let url: string;
  const keys: Record<string, { privateKey: string; publicKey: string }> = {};
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "repolink-git-ssh-"));
    keys.plain = await makeKeyPair(dir, "plain");
    keys.locked = await makeKeyPair(dir, "locked", "open sesame 42");
    keys.stranger = await makeKeyPair(dir, "stranger");
    sshd = await startTestSshd(dir, [keys.plain.publicKey, keys.locked.publicKey]);
    const repoDir = join(dir, "repos", "octo.git");
    await buildBareRepo(dir, repoDir, { defaultBranch: "main", files: { "README.md": "over ssh\n" }, branches: ["dev"] });
    url = `ssh://${userInfo().username}@127.0.0.1:${sshd.port}${repoDir}`;
    transport = new GitCliTransport({ workDir: join(dir, "work"), defaultTimeoutMs: 20_000 });
  });
  after(async () => {
    await sshd?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const remote = (key: string, options: { passphrase?: string; knownHosts?: string } = {}): GitRemote => ({
    url,
    auth: {
      kind: "ssh-key", privateKey: new Secret(keys[key]?.privateKey ?? ""), passphrase: options.passphrase ? new Secret(options.passphrase) : null,
      knownHosts: options.knownHosts ?? sshd.knownHosts,
    },
    allowPrivateNetwork: true,
  });

  it("lists refs with an unencrypted key and a pinned host key", async () => {
    const { refs, head } = await transport.lsRemote(remote("plain"));
    assert.equal(head, "refs/heads/main");
    assert.deepEqual(refs.map((r) => r.name).sort(), ["refs/heads/dev", "refs/heads/main"]);
  });

  it("uses a passphrase-protected key through askpass, and refuses a wrong passphrase fast", async () => {
    assert.equal((await transport.lsRemote(remote("locked", { passphrase: "open sesame 42" }))).head, "refs/heads/main");
    const started = Date.now();
    assert.equal(codeOf(await transport.lsRemote(remote("locked", { passphrase: "wrong" })).catch((e: unknown) => e)), "GIT_AUTH_FAILED");
    assert.ok(Date.now() - started < 10_000);
  });

  it("fails with GIT_HOST_KEY_MISMATCH when the pinned host key is another one", async () => {
    const other = await makeKeyPair(dir, "other_host");
    const [type, key] = other.publicKey.trim().split(" ");
    const error = await transport.lsRemote(remote("plain", { knownHosts: `[127.0.0.1]:${sshd.port} ${type} ${key}\n` })).catch((e: unknown) => e);
    assert.equal(codeOf(error), "GIT_HOST_KEY_MISMATCH");
  });

  it("fails with GIT_AUTH_FAILED for a key the server does not accept", async () => {
    assert.equal(codeOf(await transport.lsRemote(remote("stranger")).catch((e: unknown) => e)), "GIT_AUTH_FAILED");
  });

  it("checks out over SSH and leaves no key file or key material behind", async () => {
    const copy = join(dir, "copy");
    await transport.checkout(remote("plain"), join(dir, "mirror.git"), copy);
    assert.equal((await git(dir, ["config", "--get", "remote.origin.url"], { cwd: copy })).trim(), url);
    assert.deepEqual(await readdir(join(dir, "work", "tmp")), []);
    const keyBody = keys.plain?.privateKey.split("\n")[1] ?? "";
    assert.ok(keyBody.length > 20);
    assert.deepEqual(filesContainingCanary(join(dir, "work"), keyBody), []);
    assert.deepEqual(filesContainingCanary(copy, keyBody), []);
  });
});
