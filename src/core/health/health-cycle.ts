import type { ConnectionStatus } from "../repositories/repository.ts";

/** Repositories by the status a cycle left them in. */
export type StatusCounts = Record<Exclude<ConnectionStatus, "unchecked">, number>;

/** What one health cycle did, as the API, CLI and logs show it. */
export interface HealthCycleReport {
  cycleId: string;
  startedAt: string;
  /** Null while instances are still working on it. */
  finishedAt: string | null;
  credentialsChecked: number;
  repositoriesChecked: number;
  byStatus: StatusCounts;
  /** GitHub API units spent: REST requests plus GraphQL points (304s are free). */
  apiUnitsUsed: number;
  /** True when some credential's share of its rate budget ran out before all its repositories were checked. */
  budgetExhausted: boolean;
  /** The cycle whose unfinished work this one started from, or null. */
  resumedFrom: string | null;
  /**
   * Repositories that could not be checked because the host failed (HTTP 5xx, unreachable) or
   * backs off after such failures: their status is kept and the next cycle retries them first.
   */
  notCheckedUpstream: number;
}

/** A scheduled (or manual) cycle: one row per `slot`, shared by every instance. */
export interface HealthCycle {
  id: string;
  /** The schedule slot with its interval (`2024-06-01T12:15:00.000Z/900s`) or `manual-<id>`; unique. */
  slot: string;
  startedAt: string;
  finishedAt: string | null;
  resumedFrom: string | null;
  report: HealthCycleReport | null;
}

/** One credential's share of a cycle, leased to one instance at a time. */
export interface HealthWork {
  cycleId: string;
  credentialId: string;
  status: "pending" | "leased" | "done";
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** Repository id the pass starts after (it wraps around to it), or null for the start. */
  startAfter: string | null;
  /** Last repository id whose result is stored, in the pass's order; null before the first. */
  cursor: string | null;
  unitsUsed: number;
  repositoriesChecked: number;
  budgetExhausted: boolean;
  byStatus: StatusCounts;
  /** Repositories of the pass left unchecked because the host failed (see `HealthCycleReport.notCheckedUpstream`). */
  notChecked: number;
}

/** Progress saved with the lease held: the lease is extended to `leaseUntil`. */
export type HealthWorkPatch = Partial<
  Pick<HealthWork, "status" | "cursor" | "unitsUsed" | "repositoriesChecked" | "budgetExhausted" | "byStatus" | "notChecked">
> & { leaseUntil: string };

/** A credential's rate budget as last seen in GitHub's headers, and where its next pass resumes. */
export interface CredentialBudget {
  credentialId: string;
  restRemaining: number | null;
  graphqlRemaining: number | null;
  resetAt: string | null;
  /** Repository id the next cycle resumes after, and the cycle that stopped there. */
  resumeAfter: string | null;
  resumeCycleId: string | null;
  updatedAt: string;
  /** Cycles in a row in which the host failed this credential's checks (0 after a pass that reached it). */
  upstreamFailures: number;
  /** After such failures, no request for this credential is sent before this time (back-off); null when none. */
  retryAt: string | null;
}

/** Zero of every status. */
export const noStatuses = (): StatusCounts => ({ connected: 0, degraded: 0, failing: 0 });
