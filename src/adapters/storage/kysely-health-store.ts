import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import type { CredentialBudget, HealthCycle, HealthWork } from "../../core/health/health-cycle.ts";
import type { HealthStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, HealthCyclesTable, HealthWorkTable } from "./database-schema.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

const toCycle = (r: Selectable<HealthCyclesTable>): HealthCycle => ({
  id: r.id,
  slot: r.slot,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  resumedFrom: r.resumed_from,
  report: r.report === null ? null : (JSON.parse(r.report) as HealthCycle["report"]),
});

const toWork = (r: Selectable<HealthWorkTable>): HealthWork => ({
  cycleId: r.cycle_id,
  credentialId: r.credential_id,
  status: r.status as HealthWork["status"],
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
  startAfter: r.start_after,
  cursor: r.cursor,
  unitsUsed: r.units_used,
  repositoriesChecked: r.repositories_checked,
  budgetExhausted: r.budget_exhausted === 1,
  byStatus: JSON.parse(r.by_status) as HealthWork["byStatus"],
});

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
        .values({
          id: cycle.id,
          slot: cycle.slot,
          started_at: cycle.startedAt,
          finished_at: null,
          resumed_from: cycle.resumedFrom,
          report: null,
        })
        .onConflict((oc) => oc.column("slot").doNothing())
        .execute();
      const stored = toCycle(await db.selectFrom("health_cycles").selectAll().where("slot", "=", cycle.slot).executeTakeFirstOrThrow());
      if (stored.id === cycle.id && work.length > 0) {
        await db
          .insertInto("health_work")
          .values(
            work.map((w) => ({
              cycle_id: cycle.id,
              credential_id: w.credentialId,
              status: w.status,
              lease_owner: null,
              lease_until: null,
              start_after: w.startAfter,
              cursor: null,
              units_used: 0,
              repositories_checked: 0,
              budget_exhausted: 0,
              by_status: JSON.stringify(w.byStatus),
            })),
          )
          .execute();
      }
      return stored;
    };
    return guardWrite(() => (this.#db.isTransaction ? open(this.#db) : this.#db.transaction().execute(open)));
  }

  async findCycle(id: string): Promise<HealthCycle | undefined> {
    const row = await this.#db.selectFrom("health_cycles").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toCycle(row);
  }

  async listCycles(limit: number, unfinished = false): Promise<HealthCycle[]> {
    let query = this.#db.selectFrom("health_cycles").selectAll().orderBy("started_at", "desc").orderBy("id", "desc").limit(limit);
    if (unfinished) query = query.where("finished_at", "is", null);
    return (await query.execute()).map(toCycle);
  }

  async listWork(cycleId: string): Promise<HealthWork[]> {
    return (await this.#db.selectFrom("health_work").selectAll().where("cycle_id", "=", cycleId).orderBy("credential_id").execute()).map(
      toWork,
    );
  }

  async claimWork(cycleId: string, owner: string, now: string, leaseUntil: string): Promise<HealthWork | undefined> {
    const free = (eb: ExpressionBuilder<DatabaseSchema, "health_work">) =>
      eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "leased"), eb("lease_until", "<", now)])]);
    const candidates = await this.#db
      .selectFrom("health_work")
      .select("credential_id")
      .where("cycle_id", "=", cycleId)
      .where(free)
      .orderBy("credential_id")
      .limit(20)
      .execute();
    for (const { credential_id } of candidates) {
      const result = await guardWrite(() =>
        this.#db
          .updateTable("health_work")
          .set({ status: "leased", lease_owner: owner, lease_until: leaseUntil })
          .where("cycle_id", "=", cycleId)
          .where("credential_id", "=", credential_id)
          .where(free)
          .executeTakeFirst(),
      );
      if (toCount(result.numUpdatedRows) !== 1) continue;
      const row = await this.#db
        .selectFrom("health_work")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where("credential_id", "=", credential_id)
        .executeTakeFirst();
      if (row) return toWork(row);
    }
    return undefined;
  }

  async saveWork(cycleId: string, credentialId: string, owner: string, patch: Parameters<HealthStore["saveWork"]>[3]): Promise<boolean> {
    const set = {
      lease_until: patch.leaseUntil,
      ...(patch.status === undefined ? {} : { status: patch.status }),
      ...(patch.cursor === undefined ? {} : { cursor: patch.cursor }),
      ...(patch.unitsUsed === undefined ? {} : { units_used: patch.unitsUsed }),
      ...(patch.repositoriesChecked === undefined ? {} : { repositories_checked: patch.repositoriesChecked }),
      ...(patch.budgetExhausted === undefined ? {} : { budget_exhausted: patch.budgetExhausted ? 1 : 0 }),
      ...(patch.byStatus === undefined ? {} : { by_status: JSON.stringify(patch.byStatus) }),
    };
    const result = await guardWrite(() =>
      this.#db
        .updateTable("health_work")
        .set(set)
        .where("cycle_id", "=", cycleId)
        .where("credential_id", "=", credentialId)
        .where("lease_owner", "=", owner)
        .where("status", "=", "leased")
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
  }

  async finishCycle(id: string, finishedAt: string, report: HealthCycle["report"]): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("health_cycles")
        .set({ finished_at: finishedAt, report: JSON.stringify(report) })
        .where("id", "=", id)
        .where("finished_at", "is", null)
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
  }

  async pruneCycles(keep: number): Promise<void> {
    const old = await this.#db
      .selectFrom("health_cycles")
      .select("id")
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .offset(keep)
      .limit(1000)
      .execute();
    if (old.length === 0) return;
    const ids = old.map((r) => r.id);
    await guardWrite(async () => {
      await this.#db.deleteFrom("health_work").where("cycle_id", "in", ids).execute();
      await this.#db.deleteFrom("health_cycles").where("id", "in", ids).execute();
    });
  }

  async getBudget(credentialId: string): Promise<CredentialBudget | undefined> {
    const r = await this.#db.selectFrom("health_budgets").selectAll().where("credential_id", "=", credentialId).executeTakeFirst();
    return (
      r && {
        credentialId: r.credential_id,
        restRemaining: r.rest_remaining,
        graphqlRemaining: r.graphql_remaining,
        resetAt: r.reset_at,
        resumeAfter: r.resume_after,
        resumeCycleId: r.resume_cycle_id,
        updatedAt: r.updated_at,
      }
    );
  }

  async putBudget(b: CredentialBudget): Promise<void> {
    const row = {
      rest_remaining: b.restRemaining,
      graphql_remaining: b.graphqlRemaining,
      reset_at: b.resetAt,
      resume_after: b.resumeAfter,
      resume_cycle_id: b.resumeCycleId,
      updated_at: b.updatedAt,
    };
    await guardWrite(() =>
      this.#db
        .insertInto("health_budgets")
        .values({ credential_id: b.credentialId, ...row })
        .onConflict((oc) => oc.column("credential_id").doUpdateSet(row))
        .execute(),
    );
  }
}
