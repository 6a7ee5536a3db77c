import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { GitConfigEntry } from "../git-environment.ts";
import { PACK_CACHE_HOOK } from "./pack-cache-hook.ts";

/** How often the cache generated a pack and how often it served one it had (since the server started). */
export interface PackCacheCounts {
  generated: number;
  served: number;
}

/**
 * What one upload-pack run needs to use the cache: its git config and environment, and `settle` once it
 * has ended (`failed` when it did not end well: client gone, time limit, git failed).
 */
export interface PackCacheRun {
  config: GitConfigEntry;
  env: Record<string, string>;
  settle(failed: boolean): Promise<void>;
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

const runFile = promisify(execFile);

const COUNTERS = ["generated", "served"] as const;

async function readCounter(file: string): Promise<number> {
  return Number.parseInt(await readFile(file, "utf8").catch(() => "0"), 10) || 0;
}

/** The counters of the cache in `dir`: the hook keeps each as a number in its file (`generated`, `served`). */
export async function readPackCacheCounts(dir: string): Promise<PackCacheCounts> {
  const [generated, served] = await Promise.all(COUNTERS.map((name) => readCounter(join(dir, name))));
  return { generated: generated ?? 0, served: served ?? 0 };
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The gateway's pack-objects cache: ten clones of one repository ask upload-pack for the same pack,
 * which is generated once (`PACK_CACHE_HOOK`) and streamed to all of them as it is made. Entries live in
 * `<dir>/packs/`, at most `maxBytes` in all: the oldest are removed after a run once a generation has
 * added an entry (the hook's `generated` counter moved), so a run served from the cache reads one counter
 * instead of the size of every entry.
 */
export class PackObjectsCache {
  readonly #dir: string;
  readonly #hook: string;
  readonly #maxBytes: number;
  readonly #timeoutSeconds: number;
  #evicting: Promise<void> | null = null;
  #evictAgain = false;
  /** The `generated` counter the last eviction pass started from. */
  #evictedAt = -1;

  /** `timeoutMs` bounds one generation, which outlives the request that started it when that client goes. */
  constructor(dir: string, maxBytes: number, timeoutMs: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
    this.#timeoutSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    // What runs of an earlier server left in `tmp/` (none still runs) goes; the counters restart.
    rmSync(join(dir, "tmp"), { recursive: true, force: true });
    for (const sub of ["packs", "tmp", "locks"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
    for (const name of COUNTERS) writeFileSync(join(dir, name), "0\n", { mode: 0o600 });
    this.#hook = join(dir, "pack-objects-hook.sh");
    writeFileSync(this.#hook, PACK_CACHE_HOOK, { mode: 0o700 });
  }

  /** A new run: `uploadpack.packObjectsHook` (git reads it from the environment's config, a protected scope) and its run id. */
  startRun(): PackCacheRun {
    const id = randomUUID();
    return {
      config: ["uploadpack.packObjectsHook", `/bin/sh ${shellQuote(this.#hook)} ${shellQuote(this.#dir)}`],
      env: { REPOLINK_PACK_RUN: id, REPOLINK_PACK_TIMEOUT: String(this.#timeoutSeconds) },
      settle: async (failed) => {
        // A run killed mid-pack (client gone, time limit) leaves its input behind, and maybe a generation it was handing off.
        const tmp = join(this.#dir, "tmp");
        const names = await readdir(tmp).catch(() => [] as string[]);
        await Promise.all(names.filter((n) => n.startsWith(`${id}-`)).map((n) => rm(join(tmp, n), { force: true })));
        if (failed && names.some((n) => n.startsWith("gen-"))) await runFile("/bin/sh", [this.#hook, "--sweep", this.#dir]);
        await this.#removeAbandonedGenerations(tmp, names);
        const generated = await readCounter(join(this.#dir, "generated"));
        if (generated === this.#evictedAt) return;
        this.#evictedAt = generated;
        await this.evict();
      },
    };
  }

  // A request killed between taking a generation on and starting it leaves its files: a generation ends
  // within the time limit, so files older than that belong to none.
  async #removeAbandonedGenerations(tmp: string, names: string[]): Promise<void> {
    const oldest = Date.now() - (this.#timeoutSeconds + 60) * 1000;
    for (const name of names.filter((n) => n.startsWith("gen-"))) {
      const info = await stat(join(tmp, name)).catch(() => null);
      if (info !== null && info.mtimeMs < oldest) await rm(join(tmp, name), { force: true });
    }
  }

  /** Brings the entries under the cap, oldest first; concurrent calls share one pass (and one more if asked meanwhile). */
  evict(): Promise<void> {
    if (this.#evicting !== null) {
      this.#evictAgain = true;
      return this.#evicting;
    }
    this.#evicting = (async () => {
      do {
        this.#evictAgain = false;
        await this.#evictOnce();
      } while (this.#evictAgain);
    })().finally(() => {
      this.#evicting = null;
    });
    return this.#evicting;
  }

  async #evictOnce(): Promise<void> {
    const packs = join(this.#dir, "packs");
    const names = await readdir(packs).catch(() => [] as string[]);
    const entries = (
      await Promise.all(
        names.map(async (name) => {
          const info = await stat(join(packs, name)).catch(() => null);
          return info === null ? null : { name, size: info.size, mtimeMs: info.mtimeMs };
        }),
      )
    ).filter((e) => e !== null);
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    if (total <= this.#maxBytes) return;
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const entry of entries) {
      if (total <= this.#maxBytes) break;
      // A reader copying it out keeps its open file; the next request for it generates it again.
      await rm(join(packs, entry.name), { force: true });
      total -= entry.size;
    }
  }

  /** The cache's counters since the server started. */
  counts(): Promise<PackCacheCounts> {
    return readPackCacheCounts(this.#dir);
  }

  /** Bytes held in entries now. */
  async bytes(): Promise<number> {
    const packs = join(this.#dir, "packs");
    const names = await readdir(packs).catch(() => [] as string[]);
    return (await Promise.all(names.map((name) => sizeOf(join(packs, name))))).reduce((a, b) => a + b, 0);
  }
}
