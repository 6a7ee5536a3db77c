/** Prints a result: JSON with --json, else the human text. */
export function printResult(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + "\n" : human() + "\n");
}

/** A plain aligned table for human output. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  if (rows.length === 0) return "(none)";
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "-" : String(cell))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  return cells.map((row) => row.map((cell, i) => (cell ?? "").padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}
