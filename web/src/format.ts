import { escapeForTerminal } from "../../src/core/text/escape-for-terminal.ts";

/** A timestamp as a short local date and time; "—" for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** A timestamp to the second, in words a person reads as exact (the hover and focus text of a relative time). */
export function formatExact(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "long", timeStyle: "long" });
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

let relativeFormat: Intl.RelativeTimeFormat | undefined;

/** A timestamp relative to now: "3 minutes ago", "in 5 days", "just now" (under a minute either way). */
export function formatRelative(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const seconds = (ms - now) / 1000;
  relativeFormat ??= new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const format = relativeFormat;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** A date only; "never" for none (e.g. a token without expiry). */
export function formatDate(iso: string | null | undefined, none = "never"): string {
  if (!iso) return none;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/** A calendar day (`2026-03-02`, a UTC day as the status history counts them) as a short date. */
export function formatDay(date: string | undefined): string {
  if (!date) return "—";
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString(undefined, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
}

/** Whole days from now until `iso` (negative when past); null without a date. */
export function daysUntil(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor((ms - now) / 86_400_000);
}

/**
 * Text someone else typed (a name, a failed sign-in's username), shown as written: control characters,
 * bidi overrides and lone surrogates become visible escapes instead of reordering or hiding the page's text.
 */
export function inert(text: string | null | undefined): string {
  return text === null || text === undefined ? "" : escapeForTerminal(text);
}
