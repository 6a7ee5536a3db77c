import type { CoreDeps } from "../deps.ts";
import type { BatchKey, CycleOptions, HealthBatch } from "./health-cycle.ts";
import { noStatuses } from "./health-cycle.ts";
import { RateBudget } from "./rate-budget.ts";

/**
 * After a credential's first batch is recorded, queues the rest of its pass — as many batches as
 * the cycle's share of the GraphQL budget still pays for (one point each; all of them when the
 * host reported no GraphQL budget) — and records the others as stopped at the budget, so the
 * next cycle resumes there. Batches queued together run on any instance at once.
 */
export async function fanOutBatches(deps: CoreDeps, first: BatchKey, options: CycleOptions): Promise<void> {
  const rest = (await deps.store.health.listBatches(first.cycleId)).filter(
    (b): b is HealthBatch => b.credentialId === first.credentialId && b.batch > 0 && b.status === "pending",
  );
  if (rest.length === 0) return;
  const spent = (await deps.store.health.findBatch(first))?.unitsUsed ?? 0;
  const known = await deps.store.health.getBudget(first.credentialId);
  const budget = new RateBudget(options.budgetShare, known, deps.now(), { spentBefore: spent });
  const counted = known?.graphqlRemaining != null;
  const affordable = counted ? rest.filter(() => budget.reserve("graphql", 1)) : rest;
  for (const b of rest.slice(affordable.length)) {
    await deps.store.health.recordBatch(b, {
      cursor: null,
      repositoriesChecked: 0,
      budgetExhausted: true,
      byStatus: noStatuses(),
      notChecked: 0,
    });
  }
  await deps.healthJobs.send(affordable.map(({ cycleId, credentialId, batch }) => ({ cycleId, credentialId, batch })));
}
