import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { userInfo, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { AppError } from "../../src/core/errors.ts";
import type { GitRemote } from "../../src/core/ports/git-transport.ts";
import { Secret } from "../../src/core/secret.ts";
import { git } from "../github-fake/git-env.ts";
import { buildBareRepo } from "../github-fake/git-repo-builder.ts";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { makeKeyPair, skipSsh, sshdUnavailable, startTestSshd, type TestSshd } from "./start-test-sshd.ts";

const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`);
const PASSPHRASE = "open sesame 42";

/**
 * A stand-in for git that, as git starts, records the mode of the operation's private
 * directory and of every file in it (HOME is `<op dir>/home`), then routes ssh's askpass
 * through a script that counts the prompts, and runs the real git.
 */
async function watchingGit(dir: string): Promise<{ path: string; files: string; prompts: string }> {
  const files = join(dir, "watch-files.log");
  const prompts = join(dir, "watch-prompts.log");
  const counter = join(dir, "counting-askpass");
  await writeFile(counter, `#!/bin/sh\necho prompt >> '${prompts}'\nexec "$REPOLINK_TEST_REAL_ASKPASS" "$@"\n`);
  const path = join(dir, "watching-git");
  await writeFile(
    path,
    [
      "#!/bin/sh",
      'op=$(dirname "$HOME")',
      `stat -c '%a %n' "$(dirname "$op")" "$op" "$op"/* >> '${files}'`,
      `if [ -n "$SSH_ASKPASS" ]; then export REPOLINK_TEST_REAL_ASKPASS="$SSH_ASKPASS" SSH_ASKPASS='${counter}'; fi`,
      'exec git "$@"',
      "",
    ].join("\n"),
  );
  await Promise.all([chmod(counter, 0o755), chmod(path, 0o755)]);
  return { path, files, prompts };
}

const lines = async (file: string): Promise<string[]> => (await readFile(file, "utf8").catch(() => "")).split("\n").filter(Boolean);

describe("GitCliTransport over SSH with a real sshd (SECURITY 12, 21, 23)", { skip: skipSsh ? "REPOLINK_TEST_SKIP_SSH=1" : false }, () => {
  let dir: string;
  let sshd: TestSshd;
  let transport: GitCliTransport;
  let watched: GitCliTransport;
  let watch: Awaited<ReturnType<typeof watchingGit>>;
  let url: string;
  const keys: Record<string, { privateKey: string; publicKey: string }> = {};
  before(async () => {
    const unavailable = sshdUnavailable();
    if (unavailable !== null) throw new Error(`The SSH tests need a real sshd: ${unavailable}.`);
    dir = await mkdtemp(join(tmpdir(), "repolink-git-ssh-"));
    keys.plain = await makeKeyPair(dir, "plain");
    keys.locked = await makeKeyPair(dir, "locked", PASSPHRASE);
    keys.stranger = await makeKeyPair(dir, "stranger");
    sshd = await startTestSshd(dir, [keys.plain.publicKey, keys.locked.publicKey]);
    const repoDir = join(dir, "repos", "octo.git");
    await buildBareRepo(dir, repoDir, { defaultBranch: "main", files: { "README.md": "over ssh\n" }, branches: ["dev"] });
    url = `ssh://${userInfo().username}@127.0.0.1:${sshd.port}${repoDir}`;
    // A generous deadline: a process left waiting on a prompt ends as GIT_TIMEOUT, not GIT_AUTH_FAILED.
    transport = new GitCliTransport({ workDir: join(dir, "work"), defaultTimeoutMs: 20_000 });
    watch = await watchingGit(dir);
    watched = new GitCliTransport({ workDir: join(dir, "watched-work"), gitBinary: watch.path, defaultTimeoutMs: 20_000 });
  });
  after(async () => {
    await sshd?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const remote = (key: string, options: { passphrase?: string; knownHosts?: string } = {}): GitRemote => ({
    url,
    auth: {
      kind: "ssh-key",
      privateKey: new Secret(keys[key]?.privateKey ?? ""),
      passphrase: options.passphrase ? new Secret(options.passphrase) : null,
      knownHosts: options.knownHosts ?? sshd.knownHosts,
    },
    allowPrivateNetwork: true,
  });
  const hostKeyLine = async (name: string, host: string): Promise<string> => {
    const [type, key] = (await makeKeyPair(dir, name)).publicKey.trim().split(" ");
    return `${host} ${type} ${key}\n`;
  };
  const promptsDuring = async <T>(work: () => Promise<T>): Promise<{ result: T; prompts: number }> => {
    await rm(watch.prompts, { force: true });
    const result = await work();
    return { result, prompts: (await lines(watch.prompts)).length };
  };

  it("lists refs with an unencrypted key and a pinned host key", async () => {
    const { refs, head } = await transport.lsRemote(remote("plain"));
    assert.equal(head, "refs/heads/main");
    assert.deepEqual(refs.map((r) => r.name).sort(), ["refs/heads/dev", "refs/heads/main"]);
  });

  it("uses a passphrase-protected key, answering ssh's single passphrase prompt through askpass", async () => {
    const { result, prompts } = await promptsDuring(() => watched.lsRemote(remote("locked", { passphrase: PASSPHRASE })));
    assert.equal(result.head, "refs/heads/main");
    assert.equal(prompts, 1, "askpass answered exactly one prompt");
  });

  it("refuses a wrong passphrase with GIT_AUTH_FAILED after one prompt, never waiting on another (SECURITY 23)", async () => {
    const { result: error, prompts } = await promptsDuring(() =>
      watched.lsRemote(remote("locked", { passphrase: "wrong passphrase" })).catch((e: unknown) => e),
    );
    assert.equal(codeOf(error), "GIT_AUTH_FAILED", "a prompt left waiting would have ended as GIT_TIMEOUT");
    assert.match((error as Error).message, /refused the credential/);
    assert.equal(prompts, 1, "ssh asked once and gave up, instead of asking again");
    assert.deepEqual(findCanary((error as Error).message + JSON.stringify((error as AppError).details), "wrong passphrase"), []);
  });

  it("fails with GIT_HOST_KEY_MISMATCH when the pinned host key is another one (SECURITY 21)", async () => {
    const error = await transport
      .lsRemote(remote("plain", { knownHosts: await hostKeyLine("changed_host", `[127.0.0.1]:${sshd.port}`) }))
      .catch((e: unknown) => e);
    assert.equal(codeOf(error), "GIT_HOST_KEY_MISMATCH");
  });

  it("fails with GIT_HOST_KEY_MISMATCH when no host key is pinned for this host (SECURITY 21)", async () => {
    const error = await transport
      .lsRemote(remote("plain", { knownHosts: await hostKeyLine("elsewhere_host", "[127.0.0.2]:22") }))
      .catch((e: unknown) => e);
    assert.equal(codeOf(error), "GIT_HOST_KEY_MISMATCH");
  });

  it("fails with GIT_AUTH_FAILED for a key the server does not accept", async () => {
    assert.equal(codeOf(await transport.lsRemote(remote("stranger")).catch((e: unknown) => e)), "GIT_AUTH_FAILED");
  });

  it(
    "keeps the key, known_hosts and askpass 0600/0600/0700 " + "in a 0700 dir while git runs, and removes them after (SECURITY 12)",
    async () => {
      await rm(watch.files, { force: true });
      await watched.lsRemote(remote("locked", { passphrase: PASSPHRASE }));
      const modes = new Map(
        (await lines(watch.files)).map((line) => [basename(line.slice(line.indexOf(" ") + 1)), line.slice(0, line.indexOf(" "))] as const),
      );
      const opDir = [...modes.keys()].find((name) => name.startsWith("op-"));
      assert.ok(opDir, `the operation's directory was seen: ${[...modes.keys()].join(", ")}`);
      assert.deepEqual(
        Object.fromEntries(["tmp", opDir, "id_key", "known_hosts", "askpass.sh", "home"].map((name) => [name, modes.get(name)])),
        { tmp: "700", [opDir]: "700", id_key: "600", known_hosts: "600", "askpass.sh": "700", home: "700" },
      );
      assert.deepEqual(await readdir(join(dir, "watched-work", "tmp")), []);
    },
  );

  it("sweeps a key directory left by a killed process before its first SSH operation (SECURITY 12)", async () => {
    const workDir = join(dir, "work-after-crash");
    const leftover = join(workDir, "tmp", "op-999999999-killed");
    await mkdir(leftover, { recursive: true, mode: 0o700 });
    await writeFile(join(leftover, "id_key"), keys.plain?.privateKey ?? "", { mode: 0o600 });
    const restarted = new GitCliTransport({ workDir, defaultTimeoutMs: 20_000 });
    assert.equal((await restarted.lsRemote(remote("plain"))).head, "refs/heads/main");
    assert.deepEqual(await readdir(join(workDir, "tmp")), []);
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
