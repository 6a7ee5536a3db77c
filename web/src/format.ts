import { escapeForTerminal } from "../../src/core/text/escape-for-terminal.ts";

/** A timestamp as a short local date and time; "—" for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** A date only; "never" for none (e.g. a token without expiry). */
export function formatDate(iso: string | null | undefined, none = "never"): string {
  if (!iso) return none;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
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
