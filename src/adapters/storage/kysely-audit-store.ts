import type { Kysely } from "kysely";
import type { AuditEvent } from "../../core/audit/audit-event.ts";
import type { AuditStore } from "../../core/storage/store.ts";
import type { AuditEventsTable, DatabaseSchema } from "./database-schema.ts";
import { json, rowCodec } from "./row-codec.ts";
import { guardWrite } from "./storage-error.ts";

const auditEvents = rowCodec<AuditEvent, AuditEventsTable>({ detail: json() });

/** The audit log over Kysely (SQLite or PostgreSQL). */
export class KyselyAuditStore implements AuditStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async append(event: AuditEvent): Promise<void> {
    await guardWrite(() => this.#db.insertInto("audit_events").values(auditEvents.write(event)).execute());
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
