import { createHash } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import type { BatchKey } from "../../core/health/health-cycle.ts";
import type { HealthJobQueue, TakenHealthJob } from "../../core/ports/health-job-queue.ts";
import { batchJobKey } from "./batch-job-key.ts";

/** Options of `PgBossHealthJobQueue`. */
export interface PgBossHealthJobQueueOptions {
  /** PostgreSQL schema pg-boss keeps its tables in (one per Repolink database or schema). */
  schema: string;
  /** How long a taken job may run before another instance gets it (≤ 30 s: a killed instance's work moves on that fast). */
  expireInSeconds: number;
  /** Told about connection and maintenance errors (the server going away); the queue carries on. */
  onError: (error: Error) => void;
}

const QUEUE = "repolink-health-batch";
// pg-boss fails expired jobs in its maintenance run (one instance runs it per interval): every 2 s, so a
// killed instance's job is free again about 2 s after it expires; the run is a few indexed statements.
const MAINTENANCE_SECONDS = 2;
// Renewals per expiry: a job is taken from a live instance only after 4 renewals in a row missed it (a
// stall of 4/5 of the expiry: 12 s at the default 15 s, where loaded reliability runs saw event loop lags ≤ 1.1 s).
const RENEWALS_PER_EXPIRY = 5;

/** A batch's job id: a UUID derived from the batch, so queueing a batch twice inserts one job (pg-boss skips a known id). */
function jobId(batch: BatchKey): string {
  const hex = createHash("sha256").update(batchJobKey(batch)).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The health job queue on pg-boss 10, in its own schema of the configured PostgreSQL
 * database: every instance takes jobs from it and renews the ones it runs; a job not renewed
 * within `expireInSeconds` (its instance died) is failed by pg-boss's maintenance and retried
 * at once by another.
 * pg-boss starts on first use, so commands that never touch health jobs never start it.
 */
export class PgBossHealthJobQueue implements HealthJobQueue {
  readonly #url: string;
  readonly #options: PgBossHealthJobQueueOptions;
  readonly #taken = new Set<string>();
  #pool: pg.Pool | null = null;
  #boss: Promise<PgBoss> | null = null;
  #stopped = false;

  constructor(url: string, options: PgBossHealthJobQueueOptions) {
    this.#url = url;
    this.#options = options;
  }

  #started(): Promise<PgBoss> {
    this.#boss ??= this.#start().catch((error: unknown) => {
      this.#boss = null; // e.g. the database is away: the next call tries again
      throw error;
    });
    return this.#boss;
  }

  async #start(): Promise<PgBoss> {
    // Our own pool, so every client has an error listener (idle or checked out): a lost server never crashes the process.
    this.#pool ??= new pg.Pool({ connectionString: this.#url, max: 4, application_name: "repolink-jobs" });
    const pool = this.#pool;
    pool.on("error", this.#options.onError);
    pool.on("connect", (client) => client.on("error", this.#options.onError));
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
      schema: this.#options.schema,
      schedule: false,
      maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 1,
    });
    boss.on("error", this.#options.onError);
    await boss.start();
    // Instances starting together deadlocked in pg-boss's create_queue (it adds a partition table):
    // one instance at a time creates the queue, under a session lock on a client of its own.
    const lock = await pool.connect();
    const lockKey = `repolink:${this.#options.schema}:create-queue`;
    try {
      await lock.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey]);
      if (!(await boss.getQueue(QUEUE)))
        await boss.createQueue(QUEUE, {
          name: QUEUE,
          policy: "standard",
          retryLimit: 20,
          retryDelay: 0,
          expireInSeconds: this.#options.expireInSeconds,
        });
    } finally {
      await lock.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]).catch(() => undefined);
      lock.release();
    }
    return boss;
  }

  async send(batches: readonly BatchKey[]): Promise<void> {
    if (batches.length === 0) return;
    const boss = await this.#started();
    for (let i = 0; i < batches.length; i += 500) {
      await boss.insert(
        batches.slice(i, i + 500).map((batch) => ({
          id: jobId(batch),
          name: QUEUE,
          data: { cycleId: batch.cycleId, credentialId: batch.credentialId, batch: batch.batch },
          retryLimit: 20,
          retryDelay: 0,
          expireInSeconds: this.#options.expireInSeconds,
        })),
      );
    }
  }

  async take(): Promise<TakenHealthJob | undefined> {
    if (this.#stopped) return undefined;
    const boss = await this.#started();
    const [job] = await boss.fetch<BatchKey>(QUEUE, { batchSize: 1 });
    if (!job) return undefined;
    this.#taken.add(job.id);
    const renewal = setInterval(() => void this.#renew(job.id), (this.#options.expireInSeconds * 1000) / RENEWALS_PER_EXPIRY);
    renewal.unref();
    const settle = async (how: "complete" | "fail", error?: unknown) => {
      clearInterval(renewal);
      this.#taken.delete(job.id);
      if (how === "complete") await boss.complete(QUEUE, job.id);
      else await boss.fail(QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
    };
    return {
      batch: { cycleId: job.data.cycleId, credentialId: job.data.credentialId, batch: job.data.batch },
      complete: () => settle("complete"),
      fail: (error) => settle("fail", error),
    };
  }

  /**
   * Keeps a running job from expiring: pg-boss 10 has no heartbeat, so its start time is moved
   * on while this instance works (a killed instance renews nothing, and its job expires).
   */
  async #renew(id: string): Promise<void> {
    await this.#pool
      ?.query(`UPDATE "${this.#options.schema}".job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`, [QUEUE, id])
      .catch((error: Error) => this.#options.onError(error));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const boss = this.#boss && (await this.#boss.catch(() => null));
    if (boss && this.#taken.size > 0) {
      // Handed back now, not after the expiry: another instance retries them at once.
      const message = "handed back: the instance is stopping";
      await Promise.all([...this.#taken].map((id) => boss.fail(QUEUE, id, { message }).catch(() => undefined)));
      this.#taken.clear();
    }
    await boss?.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
    await this.#pool?.end().catch(() => undefined);
  }
}
