import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { runGit } from "../../src/adapters/git/run-git.ts";
import { defaultRedactor } from "../../src/adapters/logging/secret-redactor.ts";
import { AppError } from "../../src/core/errors.ts";
import type { GitRemote } from "../../src/core/ports/git-transport.ts";
import { Secret } from "../../src/core/secret.ts";
import { generateTestToken } from "../support/github-tokens.ts";

const SHA = "0123456789abcdef0123456789abcdef01234567";

/**
 * A stand-in git that records its argv (\001-separated, one line per call). It answers
 * `ls-remote` with one branch and lets `init` and `rev-parse` succeed, so mirror sync and push
 * go on to the fetch and push that carry the URL; everything else fails.
 */
function recordingGit(dir: string, log: string): string {
  const path = join(dir, "git");
  writeFileSync(path, [
    "#!/bin/sh",
    `for a in "$@"; do printf '%s\\001' "$a" >> '${log}'; done`,
    `printf '\\n' >> '${log}'`,
    'case "$1" in',
    `  ls-remote) printf 'ref: refs/heads/main\\tHEAD\\n${SHA}\\tHEAD\\n${SHA}\\trefs/heads/main\\n'; exit 0 ;;`,
    '  init) for last in "$@"; do :; done; mkdir -p "$last/objects/info"; exit 0 ;;',
    `  rev-parse) case "$*" in *--git-path*) printf '%s/objects\\n' "$PWD" ;; *) printf '${SHA}\\n' ;; esac; exit 0 ;;`,
    "esac",
    "exit 128",
    "",
  ].join("\n"));
  chmodSync(path, 0o755);
  return path;
}

const calls = (log: string): string[][] =>
  readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => line.split("\u0001").filter((a) => a !== ""));

describe("git always gets `--` before URLs and paths (SECURITY 18, CVE-2017-1000117)", () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-argv-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  it("in ls-remote, mirror sync, checkout and push", async () => {
    const log = join(root, "argv.log");
    const git = new GitCliTransport({ workDir: join(root, "work"), gitBinary: recordingGit(root, log) });
    const url = "http://127.0.0.1:9/acme/rocket.git";
    const token = generateTestToken();
    const remote: GitRemote = { url, auth: { kind: "token", username: "bot", token: new Secret(token) }, allowPrivateNetwork: true, allowHttp: true };
    const mirror = join(root, "mirror.git");
    const target = join(root, "checkout");
    mkdirSync(join(target, ".git"), { recursive: true });
    await git.lsRemote(remote).catch(() => undefined);
    await git.syncMirror(remote, mirror).catch(() => undefined);
    await git.checkout(remote, mirror, join(root, "new-checkout"), undefined, { refreshMirror: false }).catch(() => undefined);
    await git.push(remote, target, "HEAD:refs/heads/main").catch(() => undefined);

    const recorded = calls(log);
    assert.ok(recorded.length >= 3, `git was called ${recorded.length} times`);
    for (const command of ["ls-remote", "fetch", "push"]) {
      assert.ok(recorded.some((argv) => argv[0] === command && argv.includes(url)), `git ${command} with the URL was recorded`);
    }
    let checked = 0;
    for (const argv of recorded) {
      assert.ok(!argv.some((a) => a.includes(token)), "no token in argv");
      const positional = argv.filter((a, i) => (a === url || a.startsWith(root)) && argv[i - 1] !== "-C");
      for (const value of positional) {
        const separator = argv.indexOf("--");
        assert.ok(separator !== -1 && separator < argv.indexOf(value), `\`--\` precedes ${value} in: git ${argv.join(" ")}`);
        checked += 1;
      }
    }
    assert.ok(checked >= 3, `${checked} URLs and paths checked`);
  });

  it("refuses to start git with a secret in its argv (GIT_ARGV_SECRET), spawning nothing", async () => {
    const log = join(root, "secret-argv.log");
    const gitBinary = recordingGit(root, log);
    const remembered = `remembered-secret-${Math.random().toString(36).slice(2)}`;
    defaultRedactor.remember(remembered);
    const home = join(root, "home");
    mkdirSync(home, { recursive: true });
    for (const arg of [`https://x:${generateTestToken()}@127.0.0.1:9/o/r.git`, generateTestToken(), `--upload-pack=${remembered}`]) {
      const attempt = async () => runGit({ args: ["ls-remote", "--", arg], home, protocols: ["https"], timeoutMs: 5_000, gitBinary });
      const error = await attempt().catch((e: unknown) => e);
      assert.ok(error instanceof AppError, String(error));
      assert.equal(error.code, "GIT_ARGV_SECRET");
    }
    assert.equal(existsSync(log), false, "git was never started");
  });
});
