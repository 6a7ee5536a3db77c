import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import type { GitRemote } from "../../src/core/ports/git-transport.ts";
import { Secret } from "../../src/core/secret.ts";
import { generateTestToken } from "../support/github-tokens.ts";

/** A stand-in git that records its argv (NUL-separated, one line per call) and fails. */
function recordingGit(dir: string, log: string): string {
  const path = join(dir, "git");
  writeFileSync(path, `#!/bin/sh\nfor a in "$@"; do printf '%s\\001' "$a" >> '${log}'; done\nprintf '\\n' >> '${log}'\nexit 128\n`);
  chmodSync(path, 0o755);
  return path;
}

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

    const calls = readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => line.split("\u0001").filter((a) => a !== ""));
    assert.ok(calls.length >= 3, `git was called ${calls.length} times`);
    let checked = 0;
    for (const argv of calls) {
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
});
