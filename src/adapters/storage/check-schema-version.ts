import { ConflictError } from "../../core/errors.ts";

/** The newest of `names` (migrations are named to sort in the order they run), or "none". */
export function schemaVersionOf(names: readonly string[]): string {
  return [...names].sort().at(-1) ?? "none";
}

/**
 * Refuses a database that a newer Repolink has migrated: this binary would misread its tables.
 * @throws ConflictError `SCHEMA_NEWER_THAN_BINARY` naming both versions
 */
export function checkSchemaVersion(applied: readonly string[], known: readonly string[]): void {
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const databaseVersion = schemaVersionOf(applied);
  const binaryVersion = schemaVersionOf(known);
  throw new ConflictError(
    "SCHEMA_NEWER_THAN_BINARY",
    `The database schema is at version ${databaseVersion}, newer than this Repolink knows (up to ${binaryVersion}): ` +
      "a newer Repolink has upgraded it. Run that version (or newer), or restore a backup taken before the upgrade.",
    { databaseVersion, binaryVersion },
  );
}
