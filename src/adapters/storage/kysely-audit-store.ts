import type { Kysely, Selectable } from "kysely";
import type { AuditEvent } from "../../core/audit/audit-event.ts";
import type { AuditStore } from "../../core/storage/store.ts";
import type { AuditEventsTable, DatabaseSchema } from "./database-schema.ts";
import { guardWrite } from "./storage-error.ts";

function toAuditEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name,
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

/** The audit log over Kysely (SQLite or PostgreSQL). */
export class KyselyAuditStore implements AuditStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async append(event: AuditEvent): Promise<void> {
    await guardWrite(() =>
      this.#db
        .insertInto("audit_events")
        .values({
          id: event.id,
          at: event.at,
          actor_id: event.actorId,
          actor_name: event.actorName,
          action: event.action,
          target_type: event.targetType,
          target_id: event.targetId,
          target_name: event.targetName,
          outcome: event.outcome,
          detail: JSON.stringify(event.detail),
        })
        .execute(),
    );
  }

  /** Newest first (by `at`, then id), at most `limit`, optionally of one actor and/or target. */
  async list(query: { limit: number; actorId?: string; targetId?: string }): Promise<AuditEvent[]> {
    let select = this.#db.selectFrom("audit_events").selectAll();
    if (query.actorId !== undefined) select = select.where("actor_id", "=", query.actorId);
    if (query.targetId !== undefined) select = select.where("target_id", "=", query.targetId);
    const rows = await select
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(Math.max(0, Math.floor(query.limit)))
      .execute();
    return rows.map(toAuditEvent);
  }
}
