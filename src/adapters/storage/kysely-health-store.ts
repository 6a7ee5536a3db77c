import type { Kysely } from "kysely";
import type {
  BatchKey,
  CredentialBudget,
  HealthBatch,
  HealthBatchResult,
  HealthCycle,
  HealthCycleChange,
} from "../../core/health/health-cycle.ts";
import type { ConnectionStatus } from "../../core/repositories/repository.ts";
import type { HealthStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, HealthBatchesTable, HealthCyclesTable } from "./database-schema.ts";
import { flag, json, rowCodec } from "./row-codec.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

const cycleCodec = rowCodec<HealthCycle, HealthCyclesTable>({ report: json(), options: json() });
// Reports stored before `notCheckedUpstream` existed (migration 008) read as having none.
const cycles = {
  write: cycleCodec.write,
  read: (row: HealthCyclesTable): HealthCycle => {
    const cycle = cycleCodec.read(row);
    return cycle.report ? { ...cycle, report: { ...cycle.report, notCheckedUpstream: cycle.report.notCheckedUpstream ?? 0 } } : cycle;
  },
};
const batches = rowCodec<HealthBatch, HealthBatchesTable>({ budgetExhausted: flag, byStatus: json(), repositoryIds: json() });

/** Health cycles, their batches and rate budgets over Kysely; a batch is recorded by a compare-and-set update, once across instances. */
export class KyselyHealthStore implements HealthStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async openCycle(cycle: Omit<HealthCycle, "finishedAt" | "report">, planned: HealthBatch[]): Promise<HealthCycle> {
    const open = async (db: Kysely<DatabaseSchema>): Promise<HealthCycle> => {
      await db
        .insertInto("health_cycles")
        .values(cycles.write({ ...cycle, finishedAt: null, report: null }))
        .onConflict((oc) => oc.column("slot").doNothing())
        .execute();
      const stored = cycles.read(await db.selectFrom("health_cycles").selectAll().where("slot", "=", cycle.slot).executeTakeFirstOrThrow());
      // Inserted in chunks: PostgreSQL takes at most 65,535 parameters per statement (10,000 repositories fit easily).
      for (let i = 0; stored.id === cycle.id && i < planned.length; i += 500) {
        await db
          .insertInto("health_batches")
          .values(planned.slice(i, i + 500).map((b) => batches.write({ ...b, cycleId: cycle.id })))
          .execute();
      }
      return stored;
    };
    return guardWrite(() => (this.#db.isTransaction ? open(this.#db) : this.#db.transaction().execute(open)));
  }

  async findCycle(id: string): Promise<HealthCycle | undefined> {
    const row = await this.#db.selectFrom("health_cycles").selectAll().where("id", "=", id).executeTakeFirst();
    return row && cycles.read(row);
  }

  async listCycles(limit: number, unfinished = false): Promise<HealthCycle[]> {
    let query = this.#db.selectFrom("health_cycles").selectAll().orderBy("startedAt", "desc").orderBy("id", "desc").limit(limit);
    if (unfinished) query = query.where("finishedAt", "is", null);
    return (await query.execute()).map(cycles.read);
  }

  async listBatches(cycleId: string): Promise<HealthBatch[]> {
    const rows = await this.#db
      .selectFrom("health_batches")
      .selectAll()
      .where("cycleId", "=", cycleId)
      .orderBy("credentialId")
      .orderBy("batch")
      .execute();
    return rows.map(batches.read);
  }

  async findBatch(key: BatchKey): Promise<HealthBatch | undefined> {
    const row = await this.#db
      .selectFrom("health_batches")
      .selectAll()
      .where("cycleId", "=", key.cycleId)
      .where("credentialId", "=", key.credentialId)
      .where("batch", "=", key.batch)
      .executeTakeFirst();
    return row && batches.read(row);
  }

  async addUnits(key: BatchKey, units: number): Promise<void> {
    await guardWrite(() =>
      this.#db
        .updateTable("health_batches")
        .set((eb) => ({ unitsUsed: eb("unitsUsed", "+", units) }))
        .where("cycleId", "=", key.cycleId)
        .where("credentialId", "=", key.credentialId)
        .where("batch", "=", key.batch)
        .execute(),
    );
  }

  async recordBatch(key: BatchKey, result: HealthBatchResult): Promise<boolean> {
    const updated = await guardWrite(() =>
      this.#db
        .updateTable("health_batches")
        .set(batches.write({ ...result, status: "done" as const }))
        .where("cycleId", "=", key.cycleId)
        .where("credentialId", "=", key.credentialId)
        .where("batch", "=", key.batch)
        .where("status", "=", "pending")
        .executeTakeFirst(),
    );
    return toCount(updated.numUpdatedRows) === 1;
  }

  async finishCycle(id: string, finishedAt: string, report: HealthCycle["report"]): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("health_cycles")
        .set(cycles.write({ finishedAt, report }))
        .where("id", "=", id)
        .where("finishedAt", "is", null)
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
  }

  async pruneCycles(keep: number): Promise<void> {
    const old = await this.#db
      .selectFrom("health_cycles")
      .select("id")
      .orderBy("startedAt", "desc")
      .orderBy("id", "desc")
      .offset(keep)
      .limit(1000)
      .execute();
    if (old.length === 0) return;
    const ids = old.map((r) => r.id);
    await guardWrite(async () => {
      await this.#db.deleteFrom("health_cycle_changes").where("cycleId", "in", ids).execute();
      await this.#db.deleteFrom("health_batches").where("cycleId", "in", ids).execute();
      await this.#db.deleteFrom("health_cycles").where("id", "in", ids).execute();
    });
  }

  async addChanges(changes: HealthCycleChange[]): Promise<void> {
    // Chunked: PostgreSQL takes at most 65,535 parameters per statement.
    for (let i = 0; i < changes.length; i += 500) {
      await guardWrite(() =>
        this.#db
          .insertInto("health_cycle_changes")
          .values(changes.slice(i, i + 500))
          .onConflict((oc) => oc.columns(["cycleId", "repositoryId"]).doNothing())
          .execute(),
      );
    }
  }

  async listChanges(cycleId: string, afterName: string | null, limit: number): Promise<HealthCycleChange[]> {
    let query = this.#db.selectFrom("health_cycle_changes").selectAll().where("cycleId", "=", cycleId);
    if (afterName !== null) query = query.where("repositoryName", ">", afterName);
    return query
      .orderBy("repositoryName")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
  }

  async countChanges(cycleId: string): Promise<Record<ConnectionStatus, number>> {
    const rows = await this.#db
      .selectFrom("health_cycle_changes")
      .select((eb) => ["toStatus", eb.fn.countAll().as("count")])
      .where("cycleId", "=", cycleId)
      .groupBy("toStatus")
      .execute();
    const counts: Record<ConnectionStatus, number> = { unchecked: 0, connected: 0, degraded: 0, failing: 0 };
    for (const row of rows) counts[row.toStatus] = toCount(row.count);
    return counts;
  }

  async getBudget(credentialId: string): Promise<CredentialBudget | undefined> {
    return this.#db.selectFrom("health_budgets").selectAll().where("credentialId", "=", credentialId).executeTakeFirst();
  }

  async putBudget(b: CredentialBudget): Promise<void> {
    const { credentialId, ...row } = b;
    await guardWrite(() =>
      this.#db
        .insertInto("health_budgets")
        .values({ credentialId, ...row })
        .onConflict((oc) => oc.column("credentialId").doUpdateSet(row))
        .execute(),
    );
  }
}
