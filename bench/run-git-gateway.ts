// `node --import tsx bench/run-git-gateway.ts [--quick] [--out NAME]`: runs only the gateway bench and writes
// bench/results/NAME.md and .json (default gateway-run), leaving the day's results and latest.* untouched.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { run } from "./git-gateway.bench.ts";
import { renderMarkdown } from "./write-report.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, out: { type: "string", default: "gateway-run" } } });
const quick = values.quick ?? false;
const name = values.out ?? "gateway-run";
const startedAt = new Date().toISOString();
const loadBefore = loadavg();
const t0 = performance.now();
const results = await run({ quick });
const seconds = (performance.now() - t0) / 1000;
const outcomes = [{ file: "git-gateway.bench.ts", startedAt, seconds, results }];
const meta = { date: startedAt.slice(0, 10), quick, totalSeconds: seconds, merged: false };
const dir = join(import.meta.dirname, "results");
writeFileSync(join(dir, `${name}.md`), renderMarkdown(outcomes, meta));
const load = { before: loadBefore, after: loadavg() };
writeFileSync(
  join(dir, `${name}.json`),
  JSON.stringify({ ...meta, node: process.version, cpus: cpus().length, load, benches: outcomes }, null, 2) + "\n",
);
console.log(`bench: wrote bench/results/${name}.md (load average ${load.before[0]?.toFixed(1)} → ${load.after[0]?.toFixed(1)})`);
