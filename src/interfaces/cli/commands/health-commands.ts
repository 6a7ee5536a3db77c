import type { Command } from "commander";
import { commandContext } from "../command-context.ts";
import type { ApiClient } from "../api-client.ts";
import { followCycle } from "../follow-cycle.ts";
import { formatTable, printResult } from "../output.ts";

import type { HealthCycleReportView as Report } from "../../../contract/views/admin-views.ts";

function reportRows(reports: Report[]): string {
  return formatTable(
    [
      "CYCLE",
      "STARTED",
      "FINISHED",
      "CREDENTIALS",
      "REPOSITORIES",
      "CONNECTED",
      "DEGRADED",
      "FAILING",
      "NOT CHECKED",
      "API UNITS",
      "BUDGET",
    ],
    reports.map((r) => [
      r.cycleId,
      r.startedAt,
      r.finishedAt ?? "running",
      r.credentialsChecked,
      r.repositoriesChecked,
      r.byStatus.connected,
      r.byStatus.degraded,
      r.byStatus.failing,
      r.notCheckedUpstream > 0 ? `${r.notCheckedUpstream} (upstream 5xx)` : 0,
      r.apiUnitsUsed,
      r.budgetExhausted ? "exhausted (resumes next cycle)" : "ok",
    ]),
  );
}

/**
 * Runs a cycle and waits for its report. On a terminal it starts the cycle and follows its progress (one updating
 * line on standard error); piped, one request waits for the report, and nothing but the result is written.
 */
async function runAndWait(api: ApiClient): Promise<Report | null> {
  if (!process.stderr.isTTY) {
    const answer = await api.call("POST /health/run", { body: { wait: true } });
    return "report" in answer ? answer.report : null;
  }
  const started = await api.call("POST /health/run", { body: { wait: false } });
  if ("report" in started) return started.report;
  return (await followCycle(api, started.cycleId)).report;
}

/** `repolink health run [--wait]` and `repolink health show`: the scheduled health cycle. */
export function registerHealthCommands(program: Command): void {
  const health = program.command("health").description("Scheduled connection health checks within GitHub's rate budget");
  health
    .command("run")
    .description("Run a health cycle now (admins); --wait prints its report and exits 1 when any repository was not checked")
    .option("--wait", "wait for the cycle to finish and print its report")
    .action(async (opts: { wait?: boolean }, command: Command) => {
      const { json, api } = commandContext(command);
      if (opts.wait) {
        const report = await runAndWait(api);
        if (!report) return;
        printResult(json, report, () => reportRows([report]));
        if (report.notCheckedUpstream > 0) {
          // The report is the answer; the exit code says the cycle is not a complete picture.
          process.stderr.write(
            `${report.notCheckedUpstream} repositories were not checked: GitHub failed (5xx or unreachable). ` +
              "Their status is kept; the next cycle retries them first.\n",
          );
          process.exitCode = 1;
        }
        return;
      }
      const started = await api.call("POST /health/run", { body: { wait: false } });
      if ("cycleId" in started) printResult(json, started, () => `Started health cycle ${started.cycleId}; see \`repolink health show\`.`);
    });
  health
    .command("show")
    .description("Show the latest health cycles and any still running")
    .option("--limit <n>", "how many finished cycles", "10")
    .action(async (opts: { limit: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const status = await api.call("GET /health", { query: { limit: opts.limit } });
      printResult(json, status, () =>
        status.running.length + status.recent.length === 0
          ? "No health cycle has run yet."
          : reportRows([...status.running, ...status.recent]),
      );
    });
}
