import type { BatchKey } from "../../core/health/health-cycle.ts";
import type { HealthJobQueue, TakenHealthJob } from "../../core/ports/health-job-queue.ts";
import { batchJobKey } from "./batch-job-key.ts";

/**
 * The health job queue of a single process (SQLite: one server per database file): the same
 * job shape as on PostgreSQL, kept in memory. A batch queued or running is not queued again;
 * a failed job goes back to the front; nothing expires, since no other process shares it.
 */
export class InProcessHealthJobQueue implements HealthJobQueue {
  readonly #waiting: BatchKey[] = [];
  readonly #known = new Set<string>();
  #stopped = false;

  async send(batches: readonly BatchKey[]): Promise<void> {
    for (const batch of batches) {
      const key = batchJobKey(batch);
      if (this.#known.has(key)) continue;
      this.#known.add(key);
      this.#waiting.push({ ...batch });
    }
  }

  async take(): Promise<TakenHealthJob | undefined> {
    const batch = this.#stopped ? undefined : this.#waiting.shift();
    if (!batch) return undefined;
    return {
      batch,
      complete: async () => {
        this.#known.delete(batchJobKey(batch));
      },
      fail: async () => {
        this.#waiting.unshift(batch);
      },
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
  }
}
