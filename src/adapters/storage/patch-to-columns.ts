/**
 * Renames the defined fields of a camelCase patch to their snake_case columns.
 * @example patchToColumns({ lastUsedAt: "2024-…" }, { lastUsedAt: "last_used_at" }) // { last_used_at: "2024-…" }
 */
export function patchToColumns<P extends object, Row>(patch: P, columns: { [K in keyof P]-?: keyof Row & string }): Partial<Row> {
  const row: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    const column = columns[field as keyof P];
    if (value !== undefined && column !== undefined) row[column] = value;
  }
  return row as Partial<Row>;
}
