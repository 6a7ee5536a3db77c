import type { BatchKey } from "../health/health-cycle.ts";

/** A job taken from the queue: its batch, and how to settle it. */
export interface TakenHealthJob {
  batch: BatchKey;
  /** The batch is recorded (or needs nothing more): the job is finished. */
  complete(): Promise<void>;
  /** The job is handed back: any instance may run it again at once. */
  fail(error: unknown): Promise<void>;
}

/**
 * The health cycle's work queue: one job per batch (≤ 100 repositories of one credential).
 * A job taken by an instance that dies is given to another after a short expiry; the store
 * records each batch once, so a job run twice changes nothing the second time.
 */
export interface HealthJobQueue {
  /** Queues a job per batch; a batch queued before and not yet finished is not queued again. */
  send(batches: readonly BatchKey[]): Promise<void>;
  /** The next job any instance may run now, or undefined when none is waiting. */
  take(): Promise<TakenHealthJob | undefined>;
  /** Takes no more jobs; jobs taken and not settled are handed back. */
  stop(): Promise<void>;
}
