import { type ErrorCode, InputError } from "../errors.ts";

/** A page's end as the API hands it out: opaque text (base64url JSON of string fields). */
export function encodePageCursor(fields: Record<string, string>): string {
  return Buffer.from(JSON.stringify(fields)).toString("base64url");
}

/**
 * Reads a cursor this list handed out: every one of `names` must be a string in it.
 * @throws InputError with `code` (field `cursor`) for anything else
 */
export function decodePageCursor<K extends string>(text: string, names: readonly K[], code: ErrorCode): Record<K, string> {
  const invalid = () => new InputError(code, "This page link is not one this list handed out; start again from the first page.", "cursor");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null) throw invalid();
  const fields = parsed as Record<string, unknown>;
  if (!names.every((n) => typeof fields[n] === "string")) throw invalid();
  return fields as Record<K, string>;
}
