import type { CoreDeps } from "../deps.ts";
import { healthCredentialOf } from "./health-served-repositories.ts";
import { noStatuses, type CycleOptions, type HealthBatch, type HealthCycle } from "./health-cycle.ts";
import { remainingRepositories } from "./rotate-repositories.ts";

/** What `openHealthCycle` needs: the slot, which credentials, how big a batch is, and what every batch runs with. */
export interface OpenHealthCycle {
  slot: string;
  /** Only these credentials; all that serve a repository when absent. */
  credentialIds?: string[];
  /** Only these repositories (a check right after an import); every one their credentials serve when absent. */
  repositoryIds?: string[];
  batchSize: number;
  options: CycleOptions;
}

/**
 * Opens (or joins) the cycle of a slot: the first instance cuts each credential's pass (from
 * where the last cycle stopped, wrapping around) into batches of at most `batchSize`
 * repositories, stores them with the cycle, and every caller queues the batches still pending
 * (the queue drops those already queued), so a cycle whose opener died still gets its jobs.
 * Only each credential's first batch is queued at first; recording it queues the rest (`fanOutBatches`).
 */
export async function openHealthCycle(deps: CoreDeps, open: OpenHealthCycle): Promise<HealthCycle> {
  const id = deps.newId();
  const repositories = await deps.store.repositories.list();
  const served = await healthCredentialOf(deps, repositories);
  const only = open.repositoryIds ? new Set(open.repositoryIds) : undefined;
  const wanted = [...new Set(open.credentialIds ?? (only ? [...only].flatMap((id) => served.get(id) ?? []) : served.values()))].sort();
  const batches: HealthBatch[] = [];
  let resumedFrom: string | null = null;
  for (const credentialId of wanted) {
    const budget = open.options.keepResumePoint ? await deps.store.health.getBudget(credentialId) : undefined;
    // A pass cut short (budget, or the host failing) resumes here; at the very start its resumeAfter is null.
    if (budget?.resumeCycleId) resumedFrom ??= budget.resumeCycleId;
    const startAfter = budget?.resumeAfter ?? null;
    const pass = remainingRepositories(
      repositories.filter((r) => served.get(r.id) === credentialId && (!only || only.has(r.id))),
      startAfter,
      null,
    );
    for (let i = 0; i < pass.length; i += open.batchSize) {
      batches.push({
        cycleId: id,
        credentialId,
        batch: i / open.batchSize,
        status: "pending",
        startAfter: i === 0 ? startAfter : pass[i - 1]!.id,
        repositoryIds: pass.slice(i, i + open.batchSize).map((r) => r.id),
        cursor: null,
        unitsUsed: 0,
        repositoriesChecked: 0,
        budgetExhausted: false,
        byStatus: noStatuses(),
        notChecked: 0,
      });
    }
  }
  const cycle = await deps.store.health.openCycle(
    { id, slot: open.slot, startedAt: deps.now().toISOString(), resumedFrom, options: open.options },
    batches,
  );
  if (cycle.finishedAt === null) {
    const stored = cycle.id === id ? batches : await deps.store.health.listBatches(cycle.id);
    const firstDone = new Set(stored.filter((b) => b.batch === 0 && b.status === "done").map((b) => b.credentialId));
    // A credential's first batch goes alone: it learns the rate budget (and the token's state) the others are sent by.
    const due = stored.filter((b) => b.status === "pending" && (b.batch === 0 || firstDone.has(b.credentialId)));
    await deps.healthJobs.send(due.map(({ cycleId, credentialId, batch }) => ({ cycleId, credentialId, batch })));
  }
  return cycle;
}
