import type { CoreDeps } from "../deps.ts";
import { queueCycleSummary } from "../notifications/cycle-summary.ts";
import { sendExpiryWarnings } from "../notifications/expiry-warnings.ts";
import { refreshConnectionMetrics } from "../notifications/refresh-connection-metrics.ts";
import type { HealthBatch, HealthCycle, HealthCycleReport } from "./health-cycle.ts";
import { pruneCheckHistory } from "../repositories/prune-check-history.ts";
import { summarizeCycle } from "./summarize-cycle.ts";

/**
 * Finishes a cycle once every batch is recorded: stores the report (one instance wins), and
 * that instance alone keeps each credential's resume point (where its pass first stopped short:
 * budget or failing host), clears the back-off of credentials the host answered again, sends
 * expiry warnings, refreshes the connection gauges and prunes old checks and used or expired App
 * manifest states (a flow nobody finishes would otherwise stay until the next one starts). The cycle's summary delivery
 * is queued with its report, keyed by cycle — so nothing is sent twice.
 * @returns the report, or null when batches are pending or another instance finished it
 */
export async function finishHealthCycle(deps: CoreDeps, cycle: HealthCycle): Promise<HealthCycleReport | null> {
  const batches = await deps.store.health.listBatches(cycle.id);
  if (batches.some((b) => b.status !== "done")) return null;
  const finishedAt = deps.now().toISOString();
  const report = summarizeCycle(cycle, batches, finishedAt);
  // The report and the summary deliveries are stored together: a finish that wins always queues them, a retried one never.
  const won = await deps.store.transaction(async (store) => {
    if (!(await store.health.finishCycle(cycle.id, finishedAt, report))) return false;
    await queueCycleSummary({ ...deps, store }, cycle, finishedAt);
    return true;
  });
  if (!won) return null;
  if (cycle.options?.keepResumePoint ?? true) await keepResumePoints(deps, cycle, batches);
  await sendExpiryWarnings(deps, deps.now());
  await refreshConnectionMetrics(deps);
  await deps.store.health.pruneCycles(cycle.options?.keepCycles ?? 200);
  await pruneCheckHistory(deps);
  await deps.store.appManifestStates.prune(deps.now().toISOString());
  return report;
}

async function keepResumePoints(deps: CoreDeps, cycle: HealthCycle, batches: HealthBatch[]): Promise<void> {
  const byCredential = new Map<string, HealthBatch[]>();
  for (const b of batches) byCredential.set(b.credentialId, [...(byCredential.get(b.credentialId) ?? []), b]);
  for (const [credentialId, passes] of byCredential) {
    const stopped = passes.find((b) => b.budgetExhausted || b.notChecked > 0);
    const upstreamFailed = passes.some((b) => b.notChecked > 0);
    const known = await deps.store.health.getBudget(credentialId);
    await deps.store.health.putBudget({
      credentialId,
      restRemaining: known?.restRemaining ?? null,
      graphqlRemaining: known?.graphqlRemaining ?? null,
      resetAt: known?.resetAt ?? null,
      resumeAfter: stopped ? (stopped.cursor ?? stopped.startAfter) : null,
      resumeCycleId: stopped ? cycle.id : null,
      updatedAt: deps.now().toISOString(),
      upstreamFailures: upstreamFailed ? (known?.upstreamFailures ?? 0) : 0,
      retryAt: upstreamFailed ? (known?.retryAt ?? null) : null,
    });
  }
}
