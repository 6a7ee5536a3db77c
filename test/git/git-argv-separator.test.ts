import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { runGit } from "../../src/adapters/git/run-git.ts";
import { defaultRedactor } from "../../src/adapters/logging/secret-redactor.ts";
import { builtInTokenPatterns } from "../../src/integrations/built-in-secret-formats.ts";
import { AppError } from "../../src/core/errors.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { startGitFixture, type GitFixture } from "./git-test-fixture.ts";

/** A stand-in git that records its argv (\u0001-separated, one line per call), then runs the real git. */
function recordingGit(dir: string, log: string): string {
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  const path = join(dir, "recording-git");
  writeFileSync(
    path,
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\001' "$a" >> '${log}'; done\nprintf '\\n' >> '${log}'\nexec '${realGit}' "$@"\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

const readCalls = (log: string): string[][] =>
  existsSync(log)
    ? readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split("\u0001").filter((a) => a !== ""))
    : [];

describe("git always gets `--` before URLs and paths (SECURITY 18, CVE-2017-1000117)", () => {
  let fx: GitFixture;
  before(async () => {
    fx = await startGitFixture();
  });
  after(() => fx?.close());

  it("in ls-remote, mirror sync, checkout and push: every git call of each operation", async (t) => {
    const log = join(fx.dir, "argv.log");
    const transport = new GitCliTransport({ workDir: fx.workDir, logger: fx.logger, gitBinary: recordingGit(fx.dir, log) });
    const token = fx.tokens.write;
    const remote = fx.remote(token);
    const mirror = join(fx.dir, "mirror.git");
    const target = join(fx.dir, "checkout");
    const tokenForms = [token, Buffer.from(`x-access-token:${token}`).toString("base64"), Buffer.from(token).toString("base64")];
    const operations: [string, () => Promise<unknown>][] = [
      ["ls-remote", () => transport.lsRemote(remote)],
      ["mirror sync", () => transport.syncMirror(remote, mirror)],
      ["checkout", () => transport.checkout(remote, mirror, target, "main", { refreshMirror: false })],
      [
        "push",
        async () => {
          writeFileSync(join(target, "argv.txt"), "checked\n");
          await fx.git(["add", "argv.txt"], target);
          await fx.git(["-c", "user.name=Runner", "-c", "user.email=runner@example.test", "commit", "-qm", "argv"], target);
          await transport.push(remote, target, "HEAD:refs/heads/argv-check");
        },
      ],
    ];
    const report: string[] = [];
    for (const [name, run] of operations) {
      const before = readCalls(log).length;
      await run();
      const calls = readCalls(log).slice(before);
      assert.ok(calls.length > 0, `${name} ran git`);
      let checked = 0;
      for (const argv of calls) {
        const shown = `${name}: git ${argv.join(" ")}`;
        assert.ok(!argv.some((a) => tokenForms.some((form) => a.includes(form))), `no token in argv of ${shown}`);
        const separator = argv.indexOf("--");
        // URLs and paths given as arguments; a path after -C is the working directory git changes to.
        const positional = argv.filter((a, i) => (a === remote.url || a.startsWith(fx.dir)) && argv[i - 1] !== "-C");
        for (const value of positional) {
          assert.ok(separator !== -1 && separator < argv.indexOf(value), `\`--\` precedes ${value} in ${shown}`);
          checked += 1;
        }
      }
      assert.ok(checked > 0, `${name} passed git a URL or path, after \`--\`: ${JSON.stringify(calls)}`);
      report.push(`${name}: ${calls.length} git calls, ${checked} URLs/paths`);
    }
    const { refs } = await transport.lsRemote(remote);
    assert.ok(
      refs.some((ref) => ref.name === "refs/heads/argv-check"),
      "the push reached the remote through the recording git",
    );
    t.diagnostic(report.join("; "));
    for (const argv of readCalls(log)) t.diagnostic(`git ${argv.join(" ")}`);
  });
  it("refuses to start git with a secret in its argv (GIT_ARGV_SECRET), spawning nothing", async () => {
    const log = join(fx.dir, "secret-argv.log");
    const gitBinary = recordingGit(fx.dir, log);
    const remembered = `remembered-secret-${Math.random().toString(36).slice(2)}`;
    defaultRedactor.remember(remembered);
    // As every process that runs git does at start (the server from its integrations, the CLI from the built-in kinds).
    defaultRedactor.addTokenPatterns(builtInTokenPatterns());
    const home = join(fx.dir, "secret-argv-home");
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
