import { systemActor } from "../access/actor.ts";
import { openCredentialSecret, type OpenedSecret } from "../credentials/open-credential-secret.ts";
import { applyCheckResult } from "../credentials/run-credential-check.ts";
import type { CoreDeps } from "../deps.ts";
import { startConnectionChecks } from "../repositories/run-connection-checks.ts";
import type { Repository } from "../repositories/repository.ts";
import { applyHealthResults } from "./apply-health-results.ts";
import { fanOutBatches } from "./fan-out-batches.ts";
import { finishHealthCycle } from "./finish-health-cycle.ts";
import { noStatuses, type BatchKey, type CycleOptions, type HealthBatchResult, type HealthCycle } from "./health-cycle.ts";
import { limitConcurrency, nestLimiters, type Limiter } from "./limit-concurrency.ts";
import { healthRepositoriesOf } from "./health-served-repositories.ts";
import { RateBudget } from "./rate-budget.ts";

const hash = (id: string): number => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

/** How long a credential's checks wait after `failures` failed passes in a row: doubling from the base, at most an hour. */
const upstreamBackoffMs = (options: CycleOptions, failures: number): number =>
  Math.min(options.upstreamBackoffMs * 2 ** Math.max(0, failures - 1), 3_600_000);

/** The transport-probe rotation: a connected repository is probed every `transportEvery`-th cycle, anything else always. */
const transportDue = (options: CycleOptions) => (r: Repository) =>
  options.transportEvery <= 1 || r.status !== "connected" || (hash(r.id) + options.transportTurn) % options.transportEvery === 0;

/**
 * Runs one job: checks one batch (≤ 100 repositories of one credential) with the
 * connection-check engine — for GitHub one GraphQL query carrying the token check, plus a
 * smart-HTTP probe per repository due — and records its result once, with the repositories'
 * results in one transaction. API units are recorded as GitHub answers, so a run that dies
 * still counts what it spent. A batch already recorded, or of a finished cycle, is skipped.
 * When the host fails (5xx, unreachable) the rest is counted not checked, statuses are kept,
 * and the credential backs off (`upstreamBackoffMs`, doubling per failed cycle). The run that
 * records a cycle's last batch finishes the cycle.
 * @throws ConflictError `HEALTH_BATCH_RECORDED` when another run recorded the batch meanwhile
 */
export async function runHealthBatch(deps: CoreDeps, key: BatchKey, limitTotal: Limiter): Promise<void> {
  const [batch, cycle] = await Promise.all([deps.store.health.findBatch(key), deps.store.health.findCycle(key.cycleId)]);
  if (!batch || batch.status === "done" || !cycle || cycle.finishedAt !== null || !cycle.options) return;
  const options = cycle.options;
  const record = async (result: HealthBatchResult) => {
    if (await deps.store.health.recordBatch(key, result)) await afterRecorded(deps, cycle, key);
  };
  const empty: HealthBatchResult = { cursor: null, repositoriesChecked: 0, budgetExhausted: false, byStatus: noStatuses(), notChecked: 0 };
  const credential = await deps.store.credentials.findById(key.credentialId);
  const host = credential && (await deps.store.hosts.findByName(credential.hostName));
  const wanted = new Set(batch.repositoryIds);
  const byId = new Map(
    credential ? (await healthRepositoriesOf(deps, credential)).filter((r) => wanted.has(r.id)).map((r) => [r.id, r]) : [],
  );
  // Removed or moved to another credential since the cycle opened: not this batch's any more.
  const repositories = batch.repositoryIds.flatMap((id) => byId.get(id) ?? []);
  if (!credential || !host || repositories.length === 0) return record(empty);
  const known = await deps.store.health.getBudget(credential.id);
  if (options.keepResumePoint && known?.retryAt && Date.parse(known.retryAt) > deps.now().getTime()) {
    // The host failed this credential's checks: no request until the back-off ends; the statuses stay.
    return record({ ...empty, notChecked: repositories.length });
  }
  let secret: OpenedSecret;
  try {
    secret = await openCredentialSecret(deps, systemActor, credential, "health cycle");
  } catch {
    return record(empty); // sealed store or damaged secret: already audited; nothing can be checked
  }
  const spentBefore = (await deps.store.health.listBatches(key.cycleId))
    .filter((b) => b.credentialId === key.credentialId && b.batch !== key.batch)
    .reduce((n, b) => n + b.unitsUsed, 0);
  // Units are recorded as they are spent. A write that fails (the database is away) must not reject a
  // promise nobody awaits yet — node would end the process — so its units wait for the write after the checks.
  let spending: Promise<void> = Promise.resolve();
  let unrecordedUnits = 0;
  const budget = new RateBudget(options.budgetShare, known, deps.now(), {
    spentBefore,
    onCharged: (units) => {
      spending = spending.then(() =>
        deps.store.health.addUnits(key, units).catch(() => {
          unrecordedUnits += units;
        }),
      );
    },
  });
  const checks = await startConnectionChecks(deps, {
    host,
    credential,
    secret,
    budget,
    limit: nestLimiters(limitTotal, limitConcurrency(options.perCredentialConcurrency)),
    transportDue: transportDue(options),
    probe: deps.probe ?? deps.git,
    reportCredential: async (checked) => {
      // A secret replaced meanwhile has its own, fresher check: never overwrite it with this one.
      const current = await deps.store.credentials.findById(credential.id);
      if (checked.status !== "unreachable" && current?.secretVersion === credential.secretVersion) {
        await deps.store.credentials.updateMetadata(credential.id, applyCheckResult(checked, deps.now().toISOString()));
      }
    },
  });
  const started = performance.now();
  const outcome = await checks.check(repositories).finally(() => spending);
  if (unrecordedUnits > 0) await deps.store.health.addUnits(key, unrecordedUnits);
  const seconds = (performance.now() - started) / 1000 / Math.max(outcome.results.length, 1);
  const notChecked = outcome.unavailable ? repositories.length - outcome.results.length : 0;
  const counts = await applyHealthResults(deps, key, outcome.results, (byStatus) => ({
    cursor: outcome.results.at(-1)?.repository.id ?? null,
    repositoriesChecked: outcome.results.length,
    budgetExhausted: outcome.exhausted,
    byStatus,
    notChecked,
  }));
  for (const status of ["connected", "degraded", "failing"] as const)
    for (let n = 0; n < counts[status]; n++) deps.metrics?.observeCheck(status, seconds);
  await saveBudget(deps, cycle, credential, budget, notChecked > 0);
  await afterRecorded(deps, cycle, key);
}

/** What follows a recorded batch: a first batch queues the rest of its credential's pass; the last one finishes the cycle. */
async function afterRecorded(deps: CoreDeps, cycle: HealthCycle, key: BatchKey): Promise<void> {
  if (key.batch === 0) await fanOutBatches(deps, key, cycle.options!);
  await finishHealthCycle(deps, cycle);
}

/** Keeps the limits GitHub last reported and, after a host failure, the credential's back-off (counted once per cycle). */
async function saveBudget(
  deps: CoreDeps,
  cycle: HealthCycle,
  credential: { id: string; name: string },
  budget: RateBudget,
  upstreamFailed: boolean,
): Promise<void> {
  const known = await deps.store.health.getBudget(credential.id);
  const rest = budget.lastSeen("rest");
  const graphql = budget.lastSeen("graphql");
  if (rest) deps.metrics?.setRateLimitRemaining(credential.name, rest.remaining);
  if (graphql) deps.metrics?.setGraphqlRemaining(credential.name, graphql.remaining);
  const options = cycle.options!;
  // Another batch of this cycle may have counted the failure already.
  const countedThisCycle = known?.retryAt != null && known.updatedAt >= cycle.startedAt && (known.upstreamFailures ?? 0) > 0;
  const failures = (known?.upstreamFailures ?? 0) + (upstreamFailed && !countedThisCycle ? 1 : 0);
  await deps.store.health.putBudget({
    credentialId: credential.id,
    restRemaining: rest?.remaining ?? known?.restRemaining ?? null,
    graphqlRemaining: graphql?.remaining ?? known?.graphqlRemaining ?? null,
    resetAt: graphql?.resetAt ?? rest?.resetAt ?? known?.resetAt ?? null,
    resumeAfter: known?.resumeAfter ?? null,
    resumeCycleId: known?.resumeCycleId ?? null,
    updatedAt: deps.now().toISOString(),
    upstreamFailures: options.keepResumePoint ? failures : (known?.upstreamFailures ?? 0),
    retryAt:
      upstreamFailed && options.keepResumePoint && !countedThisCycle
        ? new Date(deps.now().getTime() + upstreamBackoffMs(options, failures)).toISOString()
        : (known?.retryAt ?? null),
  });
}
