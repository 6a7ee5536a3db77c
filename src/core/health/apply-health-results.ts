import { systemActor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { finishReport } from "../repositories/connection-report.ts";
import { hostFactsPatch } from "../repositories/host-facts-patch.ts";
import type { Repository } from "../repositories/repository.ts";
import type { CheckedRepository } from "../ports/integration.ts";
import { noStatuses, type BatchKey, type HealthBatchResult, type HealthCycleChange, type StatusCounts } from "./health-cycle.ts";

/** Why a batch's results were dropped: another instance ran the same job and recorded it first. */
export const batchRecorded = () =>
  new ConflictError("HEALTH_BATCH_RECORDED", "Another instance recorded this health batch first; its results were kept instead.");

/**
 * Stores a batch's results exactly as a manual check would (status, reason, message, remedy,
 * lastCheckedAt), and — only when the status or reason changed — the history entry, the
 * audit event and the cycle's change record (its summary delivery lists it). The batch's result is
 * recorded in the same transaction, so a batch counts (and notifies) once even when its job ran twice.
 * @throws ConflictError `HEALTH_BATCH_RECORDED` when the batch was recorded already (nothing is stored)
 */
export async function applyHealthResults(
  deps: CoreDeps,
  batch: BatchKey | null,
  results: CheckedRepository[],
  result: (counts: StatusCounts) => HealthBatchResult,
): Promise<StatusCounts> {
  const at = deps.now().toISOString();
  const counts = noStatuses();
  await deps.store.transaction(async (store) => {
    const tx = { ...deps, store };
    const changes: HealthCycleChange[] = [];
    for (const result of results) {
      const { repository: checked, steps } = result;
      const current = await store.repositories.findById(checked.id);
      // Removed or moved to another credential meanwhile: this result no longer applies.
      if (!current || current.credentialId !== checked.credentialId) continue;
      const report = finishReport(
        steps,
        at,
        `Connected: ${current.owner}/${current.repo} works with this credential for ${current.needs}.`,
      );
      counts[report.status]++;
      const patch: Partial<Repository> = {
        status: report.status,
        reasonCode: report.reasonCode,
        message: report.message,
        remedy: report.remedy,
        lastCheckedAt: at,
        ...hostFactsPatch(current, result),
      };
      await store.repositories.update(current.id, patch);
      if (current.status === report.status && current.reasonCode === report.reasonCode) continue;
      await store.repositories.addCheck({
        id: deps.newId(),
        repositoryId: current.id,
        at,
        status: report.status,
        reasonCode: report.reasonCode,
        steps: steps.map((s) => ({ ...s })),
      });
      await recordAudit(tx, systemActor, {
        action: "repository.check",
        targetType: "repository",
        targetId: current.id,
        targetName: current.name,
        outcome: report.status === "failing" ? "failure" : "success",
        detail: {
          status: report.status,
          reasonCode: report.reasonCode,
          previous: current.status,
          source: "health-cycle",
          cycleId: batch?.cycleId ?? null,
        },
      });
      changes.push({
        cycleId: batch?.cycleId ?? "",
        repositoryId: current.id,
        repositoryName: current.name,
        fromStatus: current.status,
        toStatus: report.status,
        reasonCode: report.reasonCode,
        checkedAt: at,
      });
    }
    // Kept for the cycle's one summary delivery (queued when the cycle finishes), not one delivery per repository.
    if (batch) await store.health.addChanges(changes);
    if (batch && !(await store.health.recordBatch(batch, result(counts)))) throw batchRecorded();
  });
  return counts;
}
