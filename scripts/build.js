// `npm run build`: compiles src/ into dist/ with tsc, then stamps the build so that
// bin/repolink.js can refuse to run a build older than its sources.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const startedAt = Date.now();
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
// tsc exits 2 when it found type errors but wrote every file. Mutation testing changes behaviour,
// not types, and may break a narrowing: it asks to run such a build anyway.
const typeErrorsAllowed = process.env.REPOLINK_BUILD_ALLOW_TYPE_ERRORS === "1" && result.status === 2;
if (result.status !== 0 && !typeErrorsAllowed) {
  process.stderr.write("build: tsc failed; dist/ was not stamped and bin/repolink.js will refuse to run it.\n");
  process.exit(result.status ?? 1);
}
mkdirSync(join(root, "dist"), { recursive: true });
// The stamp's time is when the build started: a source saved during the build counts as newer.
writeFileSync(join(root, "dist", "build-stamp.json"), JSON.stringify({ startedAt }) + "\n");
