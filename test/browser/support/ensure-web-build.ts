import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

const webDir = fileURLToPath(new URL("../../../web", import.meta.url));
const distDir = join(webDir, "dist");
const builtIndex = join(distDir, "index.html");
const lockDir = join(webDir, ".build-lock");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith("dist") || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const isFresh = (): boolean => existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestSource(webDir);

/**
 * Builds the web UI when `web/dist` is missing or older than its sources (`npm ci` builds it
 * too). Test files run in parallel, so one builds while the others wait on a lock directory.
 * Other test files serve `web/dist` meanwhile, so the build goes to a folder of its own and
 * replaces `web/dist` only when complete (vite empties its output folder first).
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
        await buildAndSwap();
      }
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
  if (!isFresh()) throw new Error("ensureWebBuild: web/dist could not be built");
}

async function buildAndSwap(): Promise<void> {
  const building = join(webDir, `dist.building-${process.pid}`);
  const replaced = join(webDir, `dist.old-${process.pid}`);
  const { build } = await import("vite");
  try {
    await build({ configFile: join(webDir, "vite.config.ts"), logLevel: "warn", build: { outDir: building, emptyOutDir: true } });
    if (existsSync(distDir)) renameSync(distDir, replaced);
    renameSync(building, distDir);
  } finally {
    rmSync(building, { recursive: true, force: true });
    rmSync(replaced, { recursive: true, force: true });
  }
}
