import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { sendExpiryWarnings } from "../notifications/expiry-warnings.ts";
import { refreshConnectionMetrics } from "../notifications/refresh-connection-metrics.ts";
import type { Repository } from "../repositories/repository.ts";
import { checkCredentialWork } from "./check-credential-work.ts";
import { noStatuses, type HealthCycle, type HealthCycleReport, type HealthWork } from "./health-cycle.ts";
import { defaultHealthOptions, type HealthOptions } from "./health-options.ts";
import { healthCredentialIds } from "./health-served-repositories.ts";
import { limitConcurrency } from "./limit-concurrency.ts";
import { summarizeCycle } from "./summarize-cycle.ts";

/** Options of one run; unset fields take `defaultHealthOptions`. */
export interface RunHealthCycleOptions extends Partial<HealthOptions> {
  /** The shared schedule slot every instance joins; a manual run gets a slot of its own. */
  slot?: string;
  /** This instance's lease owner id (default: a new id per run). */
  owner?: string;
  /** Only these credentials (a re-check after a change). */
  credentialIds?: string[];
  /** Wait for work other instances hold, taking over any whose lease runs out, until the cycle is finished. */
  wait?: boolean;
  /** Whether a pass cut short by the budget is resumed by the next cycle (default true). */
  keepResumePoint?: boolean;
  /** Which turn of the transport-probe rotation this cycle is (the slot's ordinal). */
  transportTurn?: number;
  /** Told the cycle once it is opened (or joined), before any work. */
  onOpened?: (cycle: HealthCycle) => void;
}

const hash = (id: string): number => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openCycle(deps: CoreDeps, slot: string, credentialIds: string[], keepResumePoint: boolean): Promise<HealthCycle> {
  const work: HealthWork[] = [];
  let resumedFrom: string | null = null;
  for (const credentialId of credentialIds) {
    const budget = keepResumePoint ? await deps.store.health.getBudget(credentialId) : undefined;
    // A pass cut short (budget, or the host failing) resumes here; at the very start its resumeAfter is null.
    if (budget?.resumeCycleId) resumedFrom ??= budget.resumeCycleId;
    work.push({
      cycleId: "",
      credentialId,
      status: "pending",
      leaseOwner: null,
      leaseUntil: null,
      startAfter: budget?.resumeAfter ?? null,
      cursor: null,
      unitsUsed: 0,
      repositoriesChecked: 0,
      budgetExhausted: false,
      byStatus: noStatuses(),
      notChecked: 0,
    });
  }
  return deps.store.health.openCycle({ id: deps.newId(), slot, startedAt: deps.now().toISOString(), resumedFrom }, work);
}

/**
 * Runs (or joins) the health cycle of a slot: each instance leases credentials' work items
 * one at a time, so every check runs once per cycle, and work whose lease expired (a killed
 * instance) is taken over from its saved cursor. The instance that stores the last result
 * writes the report, sends expiry warnings and refreshes the connection gauges.
 * @returns the report; `finishedAt` is null when other instances still hold work and `wait` is off
 */
export async function runHealthCycle(deps: CoreDeps, options: RunHealthCycleOptions = {}): Promise<HealthCycleReport> {
  const o: HealthOptions = {
    ...defaultHealthOptions,
    ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<HealthOptions>),
  };
  const owner = options.owner ?? deps.newId();
  const keepResumePoint = options.keepResumePoint ?? true;
  const repositories = await deps.store.repositories.list();
  const wanted = options.credentialIds ? [...new Set(options.credentialIds)].sort() : await healthCredentialIds(deps, repositories);
  const cycle = await openCycle(deps, options.slot ?? `manual-${deps.newId()}`, wanted, keepResumePoint);
  options.onOpened?.(cycle);
  if (cycle.finishedAt !== null && cycle.report) return cycle.report;
  const turn = options.transportTurn ?? 0;
  const transportDue = (r: Repository) => o.transportEvery <= 1 || r.status !== "connected" || (hash(r.id) + turn) % o.transportEvery === 0;
  const limitTotal = limitConcurrency(o.totalConcurrency);
  let failure: unknown;
  for (;;) {
    await Promise.all(
      Array.from({ length: o.parallelCredentials }, async () => {
        for (;;) {
          const now = deps.now();
          const work = await deps.store.health.claimWork(
            cycle.id,
            owner,
            now.toISOString(),
            new Date(now.getTime() + o.leaseMs).toISOString(),
          );
          if (!work) return;
          const lease = { cycleId: cycle.id, credentialId: work.credentialId, owner };
          try {
            await checkCredentialWork(deps, { work, lease, options: o, limitTotal, transportDue, keepResumePoint });
          } catch (error) {
            if (error instanceof AppError && error.code === "HEALTH_LEASE_LOST") continue;
            failure ??= error;
            await deps.store.health.saveWork(cycle.id, work.credentialId, owner, { status: "done", leaseUntil: deps.now().toISOString() });
          }
        }
      }),
    );
    const work = await deps.store.health.listWork(cycle.id);
    if (work.every((w) => w.status === "done")) break;
    if (!options.wait) return summarizeCycle(cycle, work, null);
    await sleep(o.pollMs);
  }
  const finishedAt = deps.now().toISOString();
  const report = summarizeCycle(cycle, await deps.store.health.listWork(cycle.id), finishedAt);
  if (await deps.store.health.finishCycle(cycle.id, finishedAt, report)) {
    await sendExpiryWarnings(deps, deps.now());
    await refreshConnectionMetrics(deps);
    await deps.store.health.pruneCycles(o.keepCycles);
  }
  if (failure !== undefined) throw failure;
  return (await deps.store.health.findCycle(cycle.id))?.report ?? report;
}
