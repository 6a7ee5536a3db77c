import type { CoreDeps } from "../deps.ts";
import type { HealthCycleReport } from "./health-cycle.ts";
import { runHealthCycle } from "./run-health-cycle.ts";

/**
 * Re-checks every repository of one credential now — call it right after the credential's
 * secret changed, so no repository keeps a status earned by the old secret. Runs the
 * health cycle's batched checks (a GraphQL query per 100 carrying the token check in the
 * first, transport per repository) without the budget share and without touching the
 * schedule's resume point.
 */
export async function recheckCredentialRepositories(deps: CoreDeps, credentialId: string): Promise<HealthCycleReport> {
  return runHealthCycle(deps, {
    slot: `recheck-${credentialId}-${deps.newId()}`,
    credentialIds: [credentialId],
    budgetShare: 1,
    transportEvery: 1,
    keepResumePoint: false,
    wait: true,
  });
}
