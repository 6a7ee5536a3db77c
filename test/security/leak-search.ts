import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { canaryForms } from "../support/canary.ts";

/**
 * Every form a secret could leak in: canaryForms (raw, base64, base64url, hex, percent) plus
 * the secret's base64 at the two other byte alignments (inside a longer value such as a Basic
 * header) and the Basic credentials git and Octokit would build from it.
 */
export function leakForms(secret: string, usernames: string[] = ["x-access-token"]): string[] {
  const forms = new Set(canaryForms(secret));
  for (let k = 1; k <= 2; k++) {
    for (const encoding of ["base64", "base64url"] as const) {
      const encoded = Buffer.concat([Buffer.alloc(k), Buffer.from(secret)])
        .toString(encoding)
        .replace(/=+$/, "");
      forms.add(encoded.slice(Math.ceil((k * 4) / 3), -4));
    }
  }
  for (const user of usernames) forms.add(Buffer.from(`${user}:${secret}`).toString("base64").replace(/=+$/, ""));
  return [...forms].filter((form) => form.length >= 12);
}

/** A named secret and the forms to look for. */
export interface Needle {
  name: string;
  forms: string[];
}

/** `where: secret (form)` for every needle form found in `text`. */
export function findNeedles(where: string, text: string | Buffer, needles: Needle[]): string[] {
  const haystack = Buffer.isBuffer(text) ? text.toString("latin1") : text;
  const hits: string[] = [];
  for (const needle of needles) {
    const form = needle.forms.find((f) => haystack.includes(f));
    if (form !== undefined) hits.push(`${where}: ${needle.name} (${form === needle.forms[0] ? "raw" : `encoded ${form.slice(0, 12)}…`})`);
  }
  return hits;
}

/**
 * Searches every regular file under `root` (files vanishing meanwhile, sockets, FIFOs and
 * symlinks are skipped) and returns the hits and the number of files read.
 */
export function searchTree(
  root: string,
  needles: Needle[],
  skip: (path: string) => boolean = () => false,
): { hits: string[]; files: number } {
  const hits: string[] = [];
  let files = 0;
  const walk = (path: string): void => {
    if (skip(path)) return;
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = readdirSync(path);
      } catch {
        return;
      }
      for (const entry of entries) walk(join(path, entry));
      return;
    }
    if (!stat.isFile() || stat.size > 64 * 1024 * 1024) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return;
    }
    files++;
    hits.push(...findNeedles(path, bytes, needles));
  };
  walk(root);
  return { hits, files };
}

/** One sampled process's environment (`KEY=value` lines) and its command line. */
export interface SampledEnviron {
  cmdline: string;
  environ: string;
}

// Whose environment is kept: git and its helpers (the environment is where git's auth header lives).
const GIT_PROCESS = /\bgit\b|remote-http|upload-pack|receive-pack|git-credential/;

/**
 * Samples `/proc/*\/cmdline` every `intervalMs` until stopped; keeps each distinct command line once,
 * and the environment of each distinct git process (`/proc/<pid>/environ`, readable for our own children).
 */
export function startCmdlineSampler(intervalMs = 20): {
  stop(): Promise<{ lines: Set<string>; samples: number; environs: SampledEnviron[] }>;
} {
  const lines = new Set<string>();
  const environs = new Map<string, SampledEnviron>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const pids = (await readdir("/proc").catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
      await Promise.all(
        pids.map(async (pid) => {
          const bytes = await readFile(`/proc/${pid}/cmdline`).catch(() => null);
          if (!bytes || bytes.length === 0) return;
          const cmdline = bytes.toString("latin1").replace(/\0/g, " ").trim();
          lines.add(cmdline);
          if (!GIT_PROCESS.test(cmdline) || environs.has(`${pid} ${cmdline}`)) return;
          const environ = await readFile(`/proc/${pid}/environ`).catch(() => null);
          if (environ) environs.set(`${pid} ${cmdline}`, { cmdline, environ: environ.toString("latin1").replace(/\0/g, "\n") });
        }),
      );
      samples++;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { lines, samples, environs: [...environs.values()] };
    },
  };
}
