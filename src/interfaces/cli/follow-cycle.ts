import type { HealthCycleProgressView } from "../../contract/views/admin-views.ts";
import type { ApiClient } from "./api-client.ts";

const POLL_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The one progress line: checked of total, and the failures so far. */
export function progressLine(progress: HealthCycleProgressView): string {
  const failing = progress.failures.length > 0 ? `, ${progress.byStatus.failing} failing` : "";
  return `Checking repositories: ${progress.checked}/${progress.total}${failing}${progress.done ? " — done" : "…"}`;
}

/**
 * Polls a health cycle's progress until it is done. On a terminal, standard error shows a single line that updates in
 * place (erased at the end); piped, nothing is written, so scripts and `--json` read only the result.
 * @returns the final progress (with the cycle's report)
 */
export async function followCycle(
  api: ApiClient,
  cycleId: string,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<HealthCycleProgressView> {
  const show = stderr.isTTY === true;
  try {
    for (;;) {
      const progress = await api.call("GET /health/cycles/{id}/progress", { params: { id: cycleId } });
      if (show) stderr.write(`\r\x1b[2K${progressLine(progress)}`);
      if (progress.done) return progress;
      await sleep(POLL_MS);
    }
  } finally {
    if (show) stderr.write("\n");
  }
}
