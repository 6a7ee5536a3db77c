#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm run build`, which `npm ci` runs).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// git runs `repolink git-credential store` after every successful operation; Repolink keeps
// its own copy of the secret, so answer at once without loading the CLI (git ignores SIGPIPE).
if (process.argv.length === 4 && process.argv[2] === "git-credential" && process.argv[3] === "store") process.exit(0);

const root = join(import.meta.dirname, "..");

/** The newest modification time of the product's sources, or 0 when there are none (an installed package). */
function newestSource() {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(join(root, "src"), { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) continue;
    const modified = statSync(join(entry.parentPath, entry.name)).mtimeMs;
    if (modified > newest) newest = modified;
  }
  return newest;
}

function buildStartedAt() {
  try {
    return JSON.parse(readFileSync(join(root, "dist", "build-stamp.json"), "utf8")).startedAt;
  } catch {
    return null;
  }
}

// Walking ~400 sources costs 10–40 ms of CPU, a quarter of a short command's start. Only a person
// at a terminal edits sources and runs the CLI in between; git's helper calls and pipelines (no
// terminal) run a build that `npm ci`, `npm start` or `npm test` has just made, so they skip the walk.
const atTerminal = process.stderr.isTTY === true || process.stdout.isTTY === true;
const built = buildStartedAt();
if (built === null || (atTerminal && newestSource() > built)) {
  process.stderr.write(
    `error: the compiled CLI in ${join(root, "dist")} is ${built === null ? "missing" : "older than its sources"}; ` +
      `run \`npm run build\` [BUILD_STALE]\n`,
  );
  process.exit(1);
}
await import("../dist/interfaces/cli/main.js");
