import type { Kysely } from "kysely";
import type { AuditEvent } from "../../core/audit/audit-event.ts";
import type { AuditStore } from "../../core/storage/store.ts";
import type { AuditEventsTable, DatabaseSchema } from "./database-schema.ts";
import { json, rowCodec } from "./row-codec.ts";
import { guardWrite } from "./storage-error.ts";

const auditEvents = rowCodec<AuditEvent, AuditEventsTable>({ detail: json() });

const maxBatch = 200;

interface PendingAppend {
  row: ReturnType<typeof auditEvents.write>;
  done: { resolve(): void; reject(error: unknown): void };
}

/**
 * The audit log over Kysely (SQLite or PostgreSQL). Appends made in the same turn of the event loop are
 * committed together, as one INSERT: on SQLite every commit is an fsync (`synchronous=FULL`) that holds
 * the event loop, so ten gateway requests at once pay for one, not ten. An append still resolves only
 * once its event is committed.
 */
export class KyselyAuditStore implements AuditStore {
  readonly #db: Kysely<DatabaseSchema>;
  #pending: PendingAppend[] = [];
  readonly #writing = new Set<Promise<void>>();

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  append(event: AuditEvent): Promise<void> {
    const row = auditEvents.write(event);
    // Inside a transaction the event commits (or rolls back) with the rest of it.
    if (this.#db.isTransaction) return guardWrite(() => this.#db.insertInto("audit_events").values(row).execute()).then(() => undefined);
    return new Promise((resolve, reject) => {
      this.#pending.push({ row, done: { resolve, reject } });
      if (this.#pending.length === 1) setImmediate(() => this.#flush());
    });
  }

  /** Resolves once every append made so far is committed (or failed). */
  async settled(): Promise<void> {
    while (this.#pending.length > 0 || this.#writing.size > 0) {
      if (this.#writing.size > 0) await Promise.all(this.#writing);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  #flush(): void {
    const batch = this.#pending.splice(0, maxBatch);
    if (this.#pending.length > 0) setImmediate(() => this.#flush());
    if (batch.length === 0) return;
    const write = guardWrite(() =>
      this.#db
        .insertInto("audit_events")
        .values(batch.map((p) => p.row))
        .execute(),
    ).then(
      () => batch.forEach((p) => p.done.resolve()),
      (error: unknown) => batch.forEach((p) => p.done.reject(error)),
    );
    this.#writing.add(write);
    void write.finally(() => this.#writing.delete(write));
  }

  async updateDetail(id: string, detail: Record<string, unknown>): Promise<void> {
    const columns = auditEvents.write({ detail });
    await guardWrite(() => this.#db.updateTable("audit_events").set(columns).where("id", "=", id).execute());
  }

  /** Newest first (by `at`, then id), at most `limit`, optionally of one actor and/or target. */
  async list(query: { limit: number; actorId?: string; targetId?: string }): Promise<AuditEvent[]> {
    let select = this.#db.selectFrom("audit_events").selectAll();
    if (query.actorId !== undefined) select = select.where("actorId", "=", query.actorId);
    if (query.targetId !== undefined) select = select.where("targetId", "=", query.targetId);
    const rows = await select
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(Math.max(0, Math.floor(query.limit)))
      .execute();
    return rows.map(auditEvents.read);
  }
}
