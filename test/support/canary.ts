import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** The ways a secret could show up encoded: raw, base64, base64url, hex, percent-encoded. */
export function canaryForms(canary: string): string[] {
  const bytes = Buffer.from(canary, "utf8");
  const percent = [...bytes].map((b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join("");
  return [
    canary,
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
    encodeURIComponent(canary),
    percent,
  ].filter((form, i, all) => all.indexOf(form) === i);
}

/** The encoded forms of `canary` found in `text` (empty when none). */
export function findCanary(text: string | Buffer, canary: string): string[] {
  const haystack = Buffer.isBuffer(text) ? text.toString("latin1") : text;
  return canaryForms(canary).filter((form) => haystack.includes(form));
}

/** Every file under `dir` whose bytes contain the canary in any form, with the forms found. */
export function filesContainingCanary(dir: string, canary: string): string[] {
  const hits: string[] = [];
  const walk = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
      return;
    }
    const found = findCanary(readFileSync(path), canary);
    if (found.length > 0) hits.push(`${path}: ${found.join(", ")}`);
  };
  walk(dir);
  return hits;
}
