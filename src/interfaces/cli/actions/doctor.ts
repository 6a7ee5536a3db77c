import { loadConfig } from "../../../config/load-config.ts";
import { guardedFetchForHost } from "../../../adapters/net/guarded-fetch-for-host.ts";
import { escapeForTerminal } from "../../../core/text/escape-for-terminal.ts";
import { checkDataDir } from "../doctor/check-data-dir.ts";
import { checkHost } from "../doctor/check-host.ts";
import { checkStore } from "../doctor/check-store.ts";
import { checkTlsFiles } from "../doctor/check-tls-files.ts";
import { describeConfiguration } from "../doctor/describe-configuration.ts";
import type { Finding } from "../doctor/finding.ts";
import { printResult } from "../output.ts";

const labels: Record<Finding["status"], string> = { ok: "ok  ", warn: "warn", fail: "FAIL" };

/**
 * `repolink doctor`: prints the resolved configuration (never a secret) and checks the data dir,
 * the master key, the database and every known host; exit 1 when any check fails.
 */
export async function doctor(opts: { dataDir?: string; json: boolean }): Promise<void> {
  const config = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
  const configuration = describeConfiguration(config);
  const findings: Finding[] = [...checkDataDir(config.dataDir)];
  if (config.tls) findings.push(...checkTlsFiles(config.tls));
  const store = await checkStore(config);
  findings.push(...store.findings);
  const fetchFor = guardedFetchForHost();
  for (const results of await Promise.all(store.hosts.map((host) => checkHost(host, fetchFor)))) findings.push(...results);
  const problems = findings.filter((finding) => finding.status === "fail");
  printResult(opts.json, { configuration, findings, problems: problems.length }, () => {
    const shown = (text: string): string => escapeForTerminal(text, { keepLineBreaks: false });
    const width = Math.max(...Object.keys(configuration).map((key) => key.length));
    return [
      "Configuration",
      ...Object.entries(configuration).map(([key, value]) => `  ${key.padEnd(width)}  ${shown(value)}`),
      "",
      "Checks",
      ...findings.flatMap((f) => [
        `  ${labels[f.status]}  ${f.check}: ${shown(f.message)}`,
        ...(f.status !== "ok" && f.remedy ? [`        → ${shown(f.remedy)}`] : []),
      ]),
      "",
      problems.length === 0 ? "No problem found." : `${problems.length} problem${problems.length === 1 ? "" : "s"} found.`,
    ].join("\n");
  });
  if (problems.length > 0) process.exitCode = 1;
}
