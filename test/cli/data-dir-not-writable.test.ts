import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../support/run-cli.ts";

// Issue 13: a data dir that cannot be written was reported as [INTERNAL].
describe("a data dir that cannot be written is named, with its reason, before serve listens", () => {
  const dir = mkdtempSync(join(tmpdir(), "repolink-datadir-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, dataDir, reason] of [
    [
      "under a file",
      () => {
        writeFileSync(join(dir, "a-file"), "not a directory\n");
        return join(dir, "a-file", "data");
      },
      /\(ENOTDIR\)/,
    ],
    ["on a read-only file system", () => "/sys/repolink-data", /\((EROFS|EPERM|EACCES)\)/],
  ] as const) {
    it(`${name}: serve exits 2 with DATA_DIR_NOT_WRITABLE, never listening`, async () => {
      const path = dataDir();
      const result = await runCli(["serve", "--port", "0", "--data-dir", path]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /DATA_DIR_NOT_WRITABLE/);
      assert.ok(result.stderr.includes(path), result.stderr);
      assert.match(result.stderr, reason, "says why");
      assert.doesNotMatch(result.stdout, /listening/);
    });
  }
});
