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

/** What every batch of a cycle runs with: fixed when the cycle opens, so every instance runs it alike. */
export interface CycleOptions {
  budgetShare: number;
  transportEvery: number;
  /** Which turn of the transport-probe rotation this cycle is (the slot's ordinal). */
  transportTurn: number;
  /** Whether a pass cut short (budget, failing host) is resumed by the next cycle. */
  keepResumePoint: boolean;
  perCredentialConcurrency: number;
  upstreamBackoffMs: number;
  keepCycles: number;
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
  /** Null only for cycles stored before migration 013. */
  options: CycleOptions | null;
}

/** Names one batch of a cycle: the unit of work a job runs, recorded once (the store's unique key). */
export interface BatchKey {
  cycleId: string;
  credentialId: string;
  /** 0, 1, … in the order of the credential's pass. */
  batch: number;
}

/** Up to one GraphQL query's worth (≤ 100) of one credential's repositories in a cycle, and what checking them gave. */
export interface HealthBatch extends BatchKey {
  status: "pending" | "done";
  /** Repository id the batch's pass position follows (the previous batch's last, or the pass's start); null at the start. */
  startAfter: string | null;
  repositoryIds: string[];
  /** Last repository id whose result is stored; null before any. */
  cursor: string | null;
  /** API units spent on this batch, recorded as they are spent (a killed instance's spending included). */
  unitsUsed: number;
  repositoriesChecked: number;
  budgetExhausted: boolean;
  byStatus: StatusCounts;
  /** Repositories left unchecked because the host failed (see `HealthCycleReport.notCheckedUpstream`). */
  notChecked: number;
}

/** The result of checking a batch, stored once with the batch's repositories' results. */
export type HealthBatchResult = Pick<HealthBatch, "cursor" | "repositoriesChecked" | "budgetExhausted" | "byStatus" | "notChecked">;

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

/** A repository whose status (or reason) a cycle changed: the items of its summary delivery. */
export interface HealthCycleChange {
  cycleId: string;
  repositoryId: string;
  repositoryName: string;
  fromStatus: ConnectionStatus;
  toStatus: ConnectionStatus;
  reasonCode: string | null;
  checkedAt: string;
}
