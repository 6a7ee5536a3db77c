import { systemActor } from "../access/actor.ts";
import { openCredentialSecret, type OpenedSecret } from "../credentials/open-credential-secret.ts";
import { applyCheckResult } from "../credentials/run-credential-check.ts";
import type { CoreDeps } from "../deps.ts";
import { applyHealthResults, leaseLost, type WorkLease } from "./apply-health-results.ts";
import type { HealthWork, StatusCounts } from "./health-cycle.ts";
import type { HealthOptions } from "./health-options.ts";
import { limitConcurrency, nestLimiters, type Limiter } from "./limit-concurrency.ts";
import { RateBudget } from "./rate-budget.ts";
import { healthRepositoriesOf } from "./health-served-repositories.ts";
import { remainingRepositories } from "./rotate-repositories.ts";
import type { Repository } from "../repositories/repository.ts";
import { startConnectionChecks, type ConnectionCheckRun } from "../repositories/run-connection-checks.ts";

/** One credential's share of a cycle, as handed to `checkCredentialWork`. */
export interface CredentialWork {
  work: HealthWork;
  /** Null when the check runs outside a shared cycle (a re-check after a credential change). */
  lease: WorkLease | null;
  options: HealthOptions;
  limitTotal: Limiter;
  transportDue: (repository: Repository) => boolean;
  /** Whether the stopping point is kept for the next cycle (scheduled cycles only). */
  keepResumePoint: boolean;
}

const add = (a: StatusCounts, b: StatusCounts): StatusCounts => ({
  connected: a.connected + b.connected,
  degraded: a.degraded + b.degraded,
  failing: a.failing + b.failing,
});

/** How long a credential's checks wait after `failures` failed passes in a row: doubling from the base, at most an hour. */
const upstreamBackoffMs = (options: HealthOptions, failures: number): number =>
  Math.min(options.upstreamBackoffMs * 2 ** Math.max(0, failures - 1), 3_600_000);

/**
 * Checks one credential's repositories in batches of up to 100 with the connection-check
 * engine (for GitHub: one GraphQL query each, the first carrying the token check, plus a
 * smart-HTTP probe per repository), storing each batch with the lease's progress. Stops at
 * the cycle's share of the rate budget and records where. When the host fails (5xx,
 * unreachable) the rest of the pass is counted not checked, statuses are kept, the next cycle
 * resumes there, and the credential backs off (`upstreamBackoffMs`, doubling per failed pass).
 * @throws ConflictError `HEALTH_LEASE_LOST` when another instance took the work over
 */
export async function checkCredentialWork(deps: CoreDeps, run: CredentialWork): Promise<void> {
  const { work, lease, options } = run;
  const leaseUntil = () => new Date(deps.now().getTime() + options.leaseMs).toISOString();
  const progress = {
    cursor: work.cursor,
    unitsUsed: work.unitsUsed,
    repositoriesChecked: work.repositoriesChecked,
    byStatus: work.byStatus,
    budgetExhausted: false,
    notChecked: 0,
  };
  const finish = async () => {
    if (
      lease &&
      !(await deps.store.health.saveWork(lease.cycleId, lease.credentialId, lease.owner, {
        ...progress,
        status: "done",
        leaseUntil: deps.now().toISOString(),
      }))
    ) {
      throw leaseLost();
    }
  };
  const credential = await deps.store.credentials.findById(work.credentialId);
  const host = credential && (await deps.store.hosts.findByName(credential.hostName));
  const pending = credential ? remainingRepositories(await healthRepositoriesOf(deps, credential), work.startAfter, work.cursor) : [];
  if (!credential || !host || pending.length === 0) return finish();
  const known = await deps.store.health.getBudget(credential.id);
  if (run.keepResumePoint && known?.retryAt && Date.parse(known.retryAt) > deps.now().getTime()) {
    // The host failed this credential's last pass: no request until the back-off ends; the status stays.
    progress.notChecked = pending.length;
    return finish();
  }
  let secret: OpenedSecret;
  try {
    secret = await openCredentialSecret(deps, systemActor, credential, "health cycle");
  } catch {
    return finish(); // sealed store or damaged secret: already audited; nothing can be checked
  }
  const budget = new RateBudget(options.budgetShare, known, deps.now());
  const limit = nestLimiters(run.limitTotal, limitConcurrency(options.perCredentialConcurrency));
  const checkRun: ConnectionCheckRun = {
    host,
    credential,
    secret,
    budget,
    limit,
    transportDue: run.transportDue,
    probe: deps.probe ?? deps.git,
    reportCredential: async (checked) => {
      // A secret replaced meanwhile has its own, fresher check: never overwrite it with this one.
      const current = await deps.store.credentials.findById(credential.id);
      if (checked.status !== "unreachable" && current?.secretVersion === credential.secretVersion) {
        await deps.store.credentials.updateMetadata(credential.id, applyCheckResult(checked, deps.now().toISOString()));
      }
    },
  };
  const checks = await startConnectionChecks(deps, checkRun);
  const spentBefore = work.unitsUsed;
  for (let i = 0; i < pending.length; i += options.batchSize) {
    const started = performance.now();
    const { results, exhausted, unavailable } = await checks.check(pending.slice(i, i + options.batchSize));
    const rest = i === 0 ? budget.lastSeen("rest") : null;
    if (rest) deps.metrics?.setRateLimitRemaining(credential.name, rest.remaining);
    const seconds = (performance.now() - started) / 1000 / Math.max(results.length, 1);
    const last = results.at(-1)?.repository.id ?? progress.cursor;
    const counts = await applyHealthResults(deps, lease, results, (batch) => ({
      cursor: last,
      unitsUsed: spentBefore + budget.spent,
      repositoriesChecked: progress.repositoriesChecked + results.length,
      byStatus: add(progress.byStatus, batch),
      budgetExhausted: exhausted,
      leaseUntil: leaseUntil(),
    }));
    for (const status of ["connected", "degraded", "failing"] as const)
      for (let n = 0; n < counts[status]; n++) deps.metrics?.observeCheck(status, seconds);
    Object.assign(progress, {
      cursor: last,
      unitsUsed: spentBefore + budget.spent,
      repositoriesChecked: progress.repositoriesChecked + results.length,
      byStatus: add(progress.byStatus, counts),
      budgetExhausted: exhausted,
    });
    if (unavailable) {
      progress.notChecked = pending.length - i - results.length;
      break;
    }
    if (exhausted) break;
  }
  await finish();
  const upstreamFailed = progress.notChecked > 0;
  const upstreamFailures = upstreamFailed ? (known?.upstreamFailures ?? 0) + 1 : 0;
  // Resume where the host failed (or the budget ran out), so those repositories are checked first next time.
  const stoppedShort = progress.budgetExhausted || upstreamFailed;
  const rest = budget.lastSeen("rest");
  const graphql = budget.lastSeen("graphql");
  if (graphql) deps.metrics?.setGraphqlRemaining(credential.name, graphql.remaining);
  await deps.store.health.putBudget({
    credentialId: credential.id,
    restRemaining: rest?.remaining ?? known?.restRemaining ?? null,
    graphqlRemaining: graphql?.remaining ?? known?.graphqlRemaining ?? null,
    resetAt: graphql?.resetAt ?? rest?.resetAt ?? known?.resetAt ?? null,
    resumeAfter: run.keepResumePoint ? (stoppedShort ? (progress.cursor ?? work.startAfter) : null) : (known?.resumeAfter ?? null),
    resumeCycleId: run.keepResumePoint ? (stoppedShort ? (lease?.cycleId ?? null) : null) : (known?.resumeCycleId ?? null),
    updatedAt: deps.now().toISOString(),
    upstreamFailures,
    retryAt: upstreamFailed ? new Date(deps.now().getTime() + upstreamBackoffMs(options, upstreamFailures)).toISOString() : null,
  });
}
