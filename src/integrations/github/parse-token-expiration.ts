const GITHUB_FORMAT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads GitHub's `GitHub-Authentication-Token-Expiration` header leniently
 * (`2026-12-31 23:59:59 UTC`, `… +0000`, ISO 8601) into ISO 8601 UTC; `null` if unreadable.
 */
export function parseTokenExpiration(header: string | null | undefined): string | null {
  const value = header?.trim();
  if (!value) return null;
  const match = GITHUB_FORMAT.exec(value);
  let millis: number;
  if (match) {
    const [, date, time, zone = "Z"] = match;
    const offset = /^(UTC|GMT|Z)$/i.test(zone) ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    millis = Date.parse(`${date}T${time}${offset}`);
  } else {
    millis = Date.parse(value);
  }
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}
