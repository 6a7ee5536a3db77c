import type { ExpressionBuilder, Kysely } from "kysely";
import type { CredentialBudget, HealthCycle, HealthWork } from "../../core/health/health-cycle.ts";
import type { HealthStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, HealthCyclesTable, HealthWorkTable } from "./database-schema.ts";
import { flag, json, rowCodec } from "./row-codec.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

const cycleCodec = rowCodec<HealthCycle, HealthCyclesTable>({ report: json() });
// Reports stored before `notCheckedUpstream` existed (migration 008) read as having none.
const cycles = {
  write: cycleCodec.write,
  read: (row: HealthCyclesTable): HealthCycle => {
    const cycle = cycleCodec.read(row);
    return cycle.report ? { ...cycle, report: { ...cycle.report, notCheckedUpstream: cycle.report.notCheckedUpstream ?? 0 } } : cycle;
  },
};
const works = rowCodec<HealthWork, HealthWorkTable>({ budgetExhausted: flag, byStatus: json() });

/** Health cycles, leased work items and rate budgets over Kysely; claims are compare-and-set updates, safe across instances. */
export class KyselyHealthStore implements HealthStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async openCycle(cycle: Omit<HealthCycle, "finishedAt" | "report">, work: HealthWork[]): Promise<HealthCycle> {
    const open = async (db: Kysely<DatabaseSchema>): Promise<HealthCycle> => {
      await db
        .insertInto("health_cycles")
        .values(
          cycles.write({
            id: cycle.id,
            slot: cycle.slot,
            startedAt: cycle.startedAt,
            resumedFrom: cycle.resumedFrom,
            finishedAt: null,
            report: null,
          }),
        )
        .onConflict((oc) => oc.column("slot").doNothing())
        .execute();
      const stored = cycles.read(await db.selectFrom("health_cycles").selectAll().where("slot", "=", cycle.slot).executeTakeFirstOrThrow());
      if (stored.id === cycle.id && work.length > 0) {
        await db
          .insertInto("health_work")
          .values(
            work.map((w) =>
              works.write({
                cycleId: cycle.id,
                credentialId: w.credentialId,
                status: w.status,
                leaseOwner: null,
                leaseUntil: null,
                startAfter: w.startAfter,
                cursor: null,
                unitsUsed: 0,
                repositoriesChecked: 0,
                budgetExhausted: false,
                byStatus: w.byStatus,
                notChecked: 0,
              }),
            ),
          )
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

  async listWork(cycleId: string): Promise<HealthWork[]> {
    return (await this.#db.selectFrom("health_work").selectAll().where("cycleId", "=", cycleId).orderBy("credentialId").execute()).map(
      works.read,
    );
  }

  async claimWork(cycleId: string, owner: string, now: string, leaseUntil: string): Promise<HealthWork | undefined> {
    const free = (eb: ExpressionBuilder<DatabaseSchema, "health_work">) =>
      eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "leased"), eb("leaseUntil", "<", now)])]);
    const candidates = await this.#db
      .selectFrom("health_work")
      .select("credentialId")
      .where("cycleId", "=", cycleId)
      .where(free)
      .orderBy("credentialId")
      .limit(20)
      .execute();
    for (const { credentialId } of candidates) {
      const result = await guardWrite(() =>
        this.#db
          .updateTable("health_work")
          .set({ status: "leased", leaseOwner: owner, leaseUntil })
          .where("cycleId", "=", cycleId)
          .where("credentialId", "=", credentialId)
          .where(free)
          .executeTakeFirst(),
      );
      if (toCount(result.numUpdatedRows) !== 1) continue;
      const row = await this.#db
        .selectFrom("health_work")
        .selectAll()
        .where("cycleId", "=", cycleId)
        .where("credentialId", "=", credentialId)
        .executeTakeFirst();
      if (row) return works.read(row);
    }
    return undefined;
  }

  async saveWork(cycleId: string, credentialId: string, owner: string, patch: Parameters<HealthStore["saveWork"]>[3]): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("health_work")
        .set(works.write(patch))
        .where("cycleId", "=", cycleId)
        .where("credentialId", "=", credentialId)
        .where("leaseOwner", "=", owner)
        .where("status", "=", "leased")
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
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
      await this.#db.deleteFrom("health_work").where("cycleId", "in", ids).execute();
      await this.#db.deleteFrom("health_cycles").where("id", "in", ids).execute();
    });
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
