import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const launcher = join(import.meta.dirname, "..", "..", "bin", "repolink.js");

/** A copy of the launcher beside a one-line "compiled CLI" and one source file saved after the build. */
function checkoutWithStaleBuild(root: string, stamp: boolean): string {
  mkdirSync(join(root, "bin"), { recursive: true });
  mkdirSync(join(root, "dist", "interfaces", "cli"), { recursive: true });
  mkdirSync(join(root, "src"), { recursive: true });
  copyFileSync(launcher, join(root, "bin", "repolink.js"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(root, "dist", "interfaces", "cli", "main.js"), 'process.stdout.write("compiled CLI ran\\n");\n');
  const builtAt = Date.now() - 60_000;
  if (stamp) writeFileSync(join(root, "dist", "build-stamp.json"), JSON.stringify({ startedAt: builtAt }));
  writeFileSync(join(root, "src", "main.ts"), "export {};\n");
  utimesSync(join(root, "src", "main.ts"), new Date(), new Date());
  return join(root, "bin", "repolink.js");
}

async function outcome(command: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(command, args, { env: { PATH: process.env.PATH ?? "" } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe("the launcher refuses a build older than its sources where a person edits them", () => {
  const dir = mkdtempSync(join(tmpdir(), "repolink-stale-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("at a terminal, a source saved after the build gets BUILD_STALE and exit 1", async () => {
    const bin = checkoutWithStaleBuild(join(dir, "tty"), true);
    // script(1) gives the launcher a pseudo-terminal, as a developer's shell does.
    const result = await outcome("script", ["-qec", `${process.execPath} ${bin} --version`, "/dev/null"]);
    assert.equal(result.code, 1, result.out);
    assert.match(result.out, /older than its sources; run `npm run build` \[BUILD_STALE\]/);
    assert.doesNotMatch(result.out, /compiled CLI ran/);
  });

  it("without a terminal (git's helper calls, pipelines), the build runs without walking the sources", async () => {
    const bin = checkoutWithStaleBuild(join(dir, "pipe"), true);
    const result = await outcome(process.execPath, [bin, "--version"]);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /compiled CLI ran/);
  });

  it("a missing build is refused everywhere", async () => {
    const bin = checkoutWithStaleBuild(join(dir, "unbuilt"), false);
    const result = await outcome(process.execPath, [bin, "--version"]);
    assert.equal(result.code, 1, result.out);
    assert.match(result.out, /is missing; run `npm run build` \[BUILD_STALE\]/);
  });
});
