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

/** How a table fits a terminal: its width, and the columns that give way (widest first), cut with "…". */
export interface TableFit {
  width: number | undefined;
  shrink: number[];
}

const MIN_SHRUNK = 12;

/** Narrows the `shrink` columns, widest first, until the row fits `width` (two spaces between columns). */
function fitWidths(widths: number[], fit: TableFit): number[] {
  if (fit.width === undefined) return widths;
  const fitted = [...widths];
  const total = () => fitted.reduce((a, b) => a + b, 0) + 2 * (fitted.length - 1);
  while (total() > fit.width) {
    const widest = fit.shrink.filter((i) => (fitted[i] ?? 0) > MIN_SHRUNK).sort((a, b) => (fitted[b] ?? 0) - (fitted[a] ?? 0))[0];
    if (widest === undefined) break;
    fitted[widest] = Math.max(MIN_SHRUNK, (fitted[widest] ?? 0) - (total() - fit.width));
  }
  return fitted;
}

const cut = (cell: string, width: number): string => (cell.length > width ? `${cell.slice(0, width - 1)}…` : cell);

/** The table fit of standard output: the terminal's width on a terminal, none when piped (scripts get whole cells). */
export function terminalFit(shrink: number[]): TableFit {
  return { width: process.stdout.isTTY ? process.stdout.columns : undefined, shrink };
}

/**
 * A plain aligned table for human output; a cell never breaks its line or escapes to the terminal. Given a fit, the
 * named columns give way so that a row fits the terminal.
 */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][], fit?: TableFit): string {
  if (rows.length === 0) return "(none)";
  const cells = [
    headers,
    ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "-" : escapeForTerminal(String(cell))))),
  ];
  const natural = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const widths = fit ? fitWidths(natural, fit) : natural;
  return cells
    .map((row) =>
      row
        .map((cell, i) => cut(cell ?? "", widths[i] ?? 0).padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
