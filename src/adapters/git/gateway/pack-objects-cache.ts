import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { GitConfigEntry } from "../git-environment.ts";
import { PACK_CACHE_HOOK } from "./pack-cache-hook.ts";

/** How often the cache generated a pack and how often it served one it had (since the server started). */
export interface PackCacheCounts {
  generated: number;
  served: number;
}

/** What one upload-pack run needs to use the cache: its git config and environment, and `settle` once it has ended. */
export interface PackCacheRun {
  config: GitConfigEntry;
  env: Record<string, string>;
  settle(): Promise<void>;
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

/** The counters of the cache in `dir`: the hook appends one byte to `generated` or `served` per request. */
export async function readPackCacheCounts(dir: string): Promise<PackCacheCounts> {
  const [generated, served] = await Promise.all([sizeOf(join(dir, "generated")), sizeOf(join(dir, "served"))]);
  return { generated, served };
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The gateway's pack-objects cache: ten clones of one repository ask upload-pack for the same pack,
 * which is generated once (`PACK_CACHE_HOOK`) and copied out to the others. Entries live in
 * `<dir>/packs/`, at most `maxBytes` in all: the oldest are removed after each run that may have added one.
 */
export class PackObjectsCache {
  readonly #dir: string;
  readonly #hook: string;
  readonly #maxBytes: number;
  #evicting: Promise<void> | null = null;
  #evictAgain = false;

  constructor(dir: string, maxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
    // What runs of an earlier server left in `tmp/` (none still runs) goes; the counters restart.
    for (const left of ["tmp", "generated", "served"]) rmSync(join(dir, left), { recursive: true, force: true });
    for (const sub of ["packs", "tmp", "locks"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
    this.#hook = join(dir, "pack-objects-hook.sh");
    writeFileSync(this.#hook, PACK_CACHE_HOOK, { mode: 0o700 });
  }

  /** A new run: `uploadpack.packObjectsHook` (git reads it from the environment's config, a protected scope) and its run id. */
  startRun(): PackCacheRun {
    const id = randomUUID();
    return {
      config: ["uploadpack.packObjectsHook", `/bin/sh ${shellQuote(this.#hook)} ${shellQuote(this.#dir)}`],
      env: { REPOLINK_PACK_RUN: id },
      settle: async () => {
        // A run killed mid-pack (client gone, time limit) leaves its input and partial pack behind.
        const names = await readdir(join(this.#dir, "tmp")).catch(() => [] as string[]);
        await Promise.all(names.filter((n) => n.startsWith(`${id}-`)).map((n) => rm(join(this.#dir, "tmp", n), { force: true })));
        await this.evict();
      },
    };
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
