import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import type { BenchResult } from "./bench-result.ts";

/** One bench module's outcome as the runner saw it. */
export interface BenchOutcome {
  file: string;
  /** When the suite started (ISO 8601) and how long it ran, wall clock. */
  startedAt?: string;
  seconds: number;
  results: BenchResult[];
  error?: string;
}

/** What a report says about the run(s) it shows. */
export interface ReportMeta {
  date: string;
  quick: boolean;
  totalSeconds: number;
  /** True when `--only` runs were merged into an earlier report of the day. */
  merged: boolean;
}

const fmt = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? "–" : n.toLocaleString("en", { maximumFractionDigits: 3 });
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const metText = (met: boolean | null): string => (met === null ? "–" : met ? "yes" : "**no**");

/** The Markdown table: metric, Repolink median, baseline median, ratio, target, met?, min–max, runs. */
export function renderMarkdown(outcomes: BenchOutcome[], meta: ReportMeta): string {
  const lines = [
    `# Repolink benchmarks, ${meta.date}${meta.quick ? " (quick smoke run)" : ""}`,
    "",
    `Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model.trim() ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
      `${
        meta.merged
          ? `**this report merges separate runs** (\`--only\`): each suite's start time is in the notes, ` +
            `and ${Math.round(meta.totalSeconds)} s is the sum of their wall times, not one run`
          : `one run, total ${Math.round(meta.totalSeconds)} s`
      }; ` +
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")} (1/5/15 min). Medians of the runs; ratios, not absolute times, are the targets (shared, noisy machine).`,
    "",
    "| Metric | Repolink (median) | Baseline (median) | Ratio | Target | Met? | Min–max | Runs |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const outcome of outcomes) {
    for (const r of outcome.results) {
      lines.push(
        `| ${cell(r.metric)} | ${fmt(r.value)} ${r.unit} | ${r.baseline === undefined ? "–" : `${fmt(r.baseline)} ${r.unit}`} ` +
          `| ${fmt(r.ratio)} | ` +
          `${cell(r.target)} | ${metText(r.met)} | ${fmt(r.min)}–${fmt(r.max)} | ${r.runs.map(fmt).join(", ")} |`,
      );
    }
  }
  lines.push("", "## Notes", "");
  for (const outcome of outcomes) {
    const started = outcome.startedAt ? `started ${outcome.startedAt.slice(0, 19).replace("T", " ")} UTC, ` : "";
    lines.push(
      `- \`${outcome.file}\` (${started}${Math.round(outcome.seconds)} s wall)` +
        `${outcome.error ? `: **failed**: ${cell(outcome.error)}` : ""}`,
    );
    for (const r of outcome.results) if (r.notes) lines.push(`  - ${cell(r.metric)}: ${cell(r.notes)}`);
  }
  return lines.join("\n") + "\n";
}

/** Writes `<dir>/<name>.md` and `.json`; a full run also refreshes `latest.md` and `latest.json`. */
export function writeReport(dir: string, name: string, outcomes: BenchOutcome[], meta: ReportMeta): string {
  mkdirSync(dir, { recursive: true });
  const md = join(dir, `${name}.md`);
  const json = join(dir, `${name}.json`);
  writeFileSync(md, renderMarkdown(outcomes, meta));
  writeFileSync(json, JSON.stringify({ ...meta, node: process.version, cpus: cpus().length, benches: outcomes }, null, 2) + "\n");
  if (!meta.quick) {
    copyFileSync(md, join(dir, "latest.md"));
    copyFileSync(json, join(dir, "latest.json"));
  }
  return md;
}
