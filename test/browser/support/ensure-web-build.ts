import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

const webDir = fileURLToPath(new URL("../../../web", import.meta.url));
const builtIndex = join(webDir, "dist", "index.html");
const lockDir = join(webDir, ".build-lock");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const isFresh = (): boolean => existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestSource(webDir);

/**
 * Builds the web UI when `web/dist` is missing or older than its sources (`npm ci` builds it
 * too). Test files run in parallel, so one builds while the others wait on a lock directory.
 */
export async function ensureWebBuild(): Promise<void> {
  for (let attempt = 0; attempt < 600 && !isFresh(); attempt++) {
    try {
      mkdirSync(lockDir);
    } catch {
      await sleep(200);
      continue;
    }
    try {
      if (!isFresh()) {
        const { build } = await import("vite");
        await build({ configFile: join(webDir, "vite.config.ts"), logLevel: "warn" });
      }
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
  if (!isFresh()) throw new Error("ensureWebBuild: web/dist could not be built");
}
