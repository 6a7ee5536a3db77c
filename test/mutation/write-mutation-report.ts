import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mutations } from "./mutations.ts";

/** What one mutation run found. */
export interface MutationOutcome {
  id: string;
  /** What the mutation breaks, in words. */
  mutation: string;
  file: string;
  /** Line of `find` in the unmutated file. */
  line: number;
  find: string;
  replace: string;
  testFiles: string[];
  /** True when at least one of the test files failed with the mutation applied. */
  killed: boolean;
  seconds: number;
  /** A few failing test names (empty for a survivor). */
  failing: string[];
  /** Why the mutant is believed equivalent (see Mutation.equivalent). */
  equivalent?: string;
  /** The gap a known survivor shows (see Mutation.note). */
  note?: string;
}

/** The file bench/results/mutation.json holds. */
export interface MutationReport {
  date: string;
  node: string;
  /** Killed among the mutations that are not equivalent survivors; `equivalent` counts those left out. */
  score: { killed: number; total: number; percent: number; equivalent: number };
  mutations: MutationOutcome[];
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, "⏎");
const code = (text: string): string => (text === "" ? "(deleted)" : `\`${cell(text).replace(/`/g, "ˋ")}\``);

/**
 * Writes `mutation.json` and `mutation.md` into `dir`. A partial run (`--only`) replaces
 * its mutations' entries in the existing report and keeps the others.
 */
export function writeMutationReport(dir: string, outcomes: MutationOutcome[], options: { partial: boolean }): MutationReport {
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, "mutation.json");
  const byId = new Map<string, MutationOutcome>();
  if (options.partial && existsSync(jsonPath)) {
    for (const outcome of (JSON.parse(readFileSync(jsonPath, "utf8")) as MutationReport).mutations) byId.set(outcome.id, outcome);
  }
  for (const outcome of outcomes) byId.set(outcome.id, outcome);
  const order = new Map(mutations.map((mutation, index) => [mutation.id, index]));
  const all = [...byId.values()].filter((outcome) => order.has(outcome.id)).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const killed = all.filter((outcome) => outcome.killed).length;
  const equivalent = all.filter((outcome) => !outcome.killed && outcome.equivalent !== undefined);
  const total = all.length - equivalent.length;
  const report: MutationReport = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    score: { killed, total, percent: total === 0 ? 0 : Math.round((killed / total) * 1000) / 10, equivalent: equivalent.length },
    mutations: all,
  };
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);

  const survivors = all.filter((outcome) => !outcome.killed && outcome.equivalent === undefined);
  const lines = [
    `# Mutation testing, ${report.date}`,
    "",
    `\`npm run test:mutation\` (test/mutation/run-mutations.ts) applies each hand-picked mutation of a security-critical ` +
      "line, runs only the test files that cover it, and restores the file. A mutation is **killed** when at least one of " +
      "those tests fails. Node " +
      report.node +
      ".",
    "",
    `**Score: ${killed} of ${total} mutations killed (${report.score.percent}%)**` +
      (equivalent.length === 0
        ? "."
        : `, leaving out ${equivalent.length} equivalent mutant(s) that survived as expected (${killed} of ${all.length} counting them).`),
    "",
    "| # | Mutation | Where | Change | Tests run | Result | Seconds |",
    "|---|---|---|---|---|---|---|",
    ...all.map(
      (outcome, index) =>
        `| ${index + 1} | ${cell(outcome.mutation)} (\`${outcome.id}\`) | \`${outcome.file}:${outcome.line}\` | ` +
        `${code(outcome.find)} → ${code(outcome.replace)} | ` +
        `${outcome.testFiles.map((file) => `\`${file}\``).join(", ")} | ` +
        (outcome.killed
          ? `killed${outcome.failing.length > 0 ? `: ${cell(outcome.failing.join("; "))}` : ""}`
          : outcome.equivalent === undefined
            ? "**survived**"
            : "survived (equivalent)") +
        ` | ${outcome.seconds} |`,
    ),
    "",
    "## Survivors",
    "",
    ...(survivors.length === 0
      ? ["None."]
      : survivors.map(
          (outcome) => `- \`${outcome.id}\`: ${cell(outcome.mutation)}.${outcome.note === undefined ? "" : ` ${outcome.note}`}`,
        )),
    "",
    "## Equivalent mutants",
    "",
    ...(equivalent.length === 0
      ? ["None."]
      : equivalent.map((outcome) => `- \`${outcome.id}\`: ${cell(outcome.mutation)}. Why no test can see it: ${outcome.equivalent}.`)),
    "",
  ];
  writeFileSync(join(dir, "mutation.md"), lines.join("\n"));
  return report;
}
