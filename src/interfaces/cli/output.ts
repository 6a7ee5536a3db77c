import { escapeForTerminal } from "../../core/text/escape-for-terminal.ts";

// JSON.stringify escapes C0 controls itself; these it leaves raw, and a terminal or a reader acts on them.
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal: valid JSON with every character a terminal would act on written as \uXXXX. */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Prints a result: JSON with --json, else the human text; neither lets stored text drive the terminal. */
export function printResult(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? terminalSafeJson(value) + "\n" : escapeForTerminal(human(), { keepLineBreaks: true }) + "\n");
}

/** A plain aligned table for human output; a cell never breaks its line or escapes to the terminal. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  if (rows.length === 0) return "(none)";
  const cells = [
    headers,
    ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "-" : escapeForTerminal(String(cell))))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (cell ?? "").padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
