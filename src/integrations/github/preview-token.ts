import { checksummedPrefixes, fineGrainedPrefix } from "./github-token-formats.ts";

/**
 * A masked preview safe to show in lists: the public prefix and the last 4 characters.
 * @example previewToken("ghp_…a1B2") // "ghp_…a1B2"; an unknown short value gives "…"
 */
export function previewToken(token: string): string {
  const value = token.trim();
  const prefix = value.startsWith(fineGrainedPrefix)
    ? fineGrainedPrefix
    : Object.keys(checksummedPrefixes).find((p) => value.startsWith(p));
  // Short values would reveal too large a share of themselves.
  if (prefix !== undefined && value.length >= prefix.length + 12) return `${prefix}…${value.slice(-4)}`;
  return value.length >= 12 ? `…${value.slice(-4)}` : "…";
}
