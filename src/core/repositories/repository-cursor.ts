import { InputError } from "../errors.ts";
import type { RepositoryCursor, RepositorySort } from "./repository-page.ts";

/** A cursor as the API hands it out: opaque text that also names its order. */
export function encodeRepositoryCursor(cursor: RepositoryCursor, sort: RepositorySort): string {
  return Buffer.from(JSON.stringify({ s: sort, k: cursor.key, n: cursor.name })).toString("base64url");
}

/**
 * Reads a cursor handed out for the same order.
 * @throws InputError `REPOSITORY_CURSOR_INVALID` (field `cursor`) for text that is not one, or one of another order
 */
export function decodeRepositoryCursor(text: string, sort: RepositorySort): RepositoryCursor {
  const invalid = () =>
    new InputError(
      "REPOSITORY_CURSOR_INVALID",
      "cursor is not one this list handed out for this order; start from the first page.",
      "cursor",
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const { s, k, n } = (parsed ?? {}) as { s?: unknown; k?: unknown; n?: unknown };
  if (s !== sort || (typeof k !== "string" && typeof k !== "number") || typeof n !== "string") throw invalid();
  return { key: k, name: n };
}
