import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { mutations } from "./mutations.ts";

const root = resolve(import.meta.dirname, "..", "..");

// A refactor that moves or reformats a guarded line would make its mutation fail to apply;
// caught here, in `npm test`, instead of at the next (slow) mutation run.
test("every hand-picked mutation still finds its line exactly once, and its tests exist", () => {
  const broken: string[] = [];
  for (const mutation of mutations) {
    const path = join(root, mutation.file);
    const occurrences = existsSync(path) ? readFileSync(path, "utf8").split(mutation.find).length - 1 : 0;
    if (occurrences !== 1) broken.push(`${mutation.id}: "${mutation.find}" occurs ${occurrences}× in ${mutation.file}`);
    for (const testFile of mutation.tests) if (!existsSync(join(root, testFile))) broken.push(`${mutation.id}: no test file ${testFile}`);
  }
  assert.deepEqual(broken, []);
});
