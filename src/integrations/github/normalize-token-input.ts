import { checksummedPrefixes, fineGrainedPrefix } from "./github-token-formats.ts";

const AUTH_SCHEME = /^(?:bearer|token)\s+([\s\S]+)$/i;
const LEGACY_HEX = /^[0-9a-f]{40}$/i;

/** True when a whitespace-free value starts like a GitHub token, in any letter case. */
export function startsLikeGithubToken(value: string): boolean {
  const lower = value.toLowerCase();
  return lower.startsWith(fineGrainedPrefix) || Object.keys(checksummedPrefixes).some((p) => lower.startsWith(p));
}

/**
 * Cleans a pasted value: surrounding whitespace, and — only when what is left looks like a
 * token — whitespace pasted inside it and a leading `Bearer ` / `token ` scheme. A value
 * that looks like a password keeps its inner spaces.
 */
export function normalizeTokenInput(raw: string, looksLikeToken: (compact: string) => boolean): string {
  const trimmed = raw.trim();
  const scheme = AUTH_SCHEME.exec(trimmed);
  if (scheme?.[1] !== undefined) {
    const rest = scheme[1].replace(/\s+/g, "");
    if (looksLikeToken(rest) || LEGACY_HEX.test(rest)) return rest;
  }
  const compact = trimmed.replace(/\s+/g, "");
  return looksLikeToken(compact) ? compact : trimmed;
}

/** True for a GitHub Enterprise Server legacy token: 40 hexadecimal characters. */
export const isLegacyHexToken = (value: string): boolean => LEGACY_HEX.test(value);
