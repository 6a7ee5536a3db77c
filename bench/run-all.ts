// `npm run bench [-- --quick] [-- --only <substring>]`: runs every bench/*.bench.ts in turn and
// writes bench/results/YYYY-MM-DD.md and .json (quick runs: YYYY-MM-DD.quick.*; full runs also latest.*).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { BenchModule } from "./bench-result.ts";
import { writeReport, type BenchOutcome } from "./write-report.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, only: { type: "string" } } });
const quick = values.quick ?? false;
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (values.only === undefined || f.includes(values.only)))
  .sort();

const exportsRun = /export\s+(?:async\s+)?function\s+run\b|export\s+(?:const|let)\s+run\b|export\s*\{[^}]*\brun\b/;
const localDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const date = localDate(new Date());
const started = performance.now();
const outcomes: BenchOutcome[] = [];
for (const file of files) {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  console.log(`bench: ${file}${quick ? " (quick)" : ""}…`);
  try {
    // Importing runs a module's top level, so a script-style file is skipped rather than run blind.
    if (!exportsRun.test(readFileSync(join(dir, file), "utf8"))) throw new Error("does not export run(options); not run");
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Partial<BenchModule>;
    if (typeof module.run !== "function") throw new Error("does not export run(options)");
    const results = await module.run({ quick });
    outcomes.push({ file, startedAt, seconds: (performance.now() - t0) / 1000, results });
    for (const r of results)
      console.log(
        `  ${r.metric}: ${r.value} ${r.unit}${r.ratio === undefined ? "" : ` (ratio ${r.ratio})`} ` +
          `${r.met === null ? "" : r.met ? "met" : "NOT met"}`,
      );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  failed: ${message}`);
    outcomes.push({ file, startedAt, seconds: (performance.now() - t0) / 1000, results: [], error: message });
  }
}
const name = quick ? `${date}.quick` : date;
// `--only` re-runs some benches: the day's other figures are kept from the earlier run.
const earlier = join(dir, "results", `${name}.json`);
const mergesRuns = values.only !== undefined && existsSync(earlier);
const merged = mergesRuns ? mergeWithEarlier(earlier, outcomes) : outcomes;
const totalSeconds = values.only === undefined ? (performance.now() - started) / 1000 : merged.reduce((sum, o) => sum + o.seconds, 0);
const written = writeReport(join(dir, "results"), name, merged, { date, quick, totalSeconds, merged: mergesRuns });
console.log(`bench: wrote ${written} in ${Math.round(totalSeconds)} s`);
if (outcomes.some((o) => o.error)) process.exitCode = 1;

function mergeWithEarlier(file: string, fresh: BenchOutcome[]): BenchOutcome[] {
  if (!existsSync(file)) return fresh;
  const earlier = (JSON.parse(readFileSync(file, "utf8")) as { benches: BenchOutcome[] }).benches;
  const byFile = new Map(earlier.map((o) => [o.file, o]));
  for (const outcome of fresh) byFile.set(outcome.file, outcome);
  return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
}
