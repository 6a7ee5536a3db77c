import type { Kysely, Selectable } from "kysely";
import type { SessionStore } from "../../core/storage/store.ts";
import type { Session } from "../../core/users/user.ts";
import type { DatabaseSchema, SessionsTable } from "./database-schema.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** Browser sessions over Kysely (SQLite or PostgreSQL). */
export class KyselySessionStore implements SessionStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async insert(session: Session): Promise<void> {
    await guardWrite(() =>
      this.#db
        .insertInto("sessions")
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute(),
    );
  }

  async findByIdHash(idHash: string): Promise<Session | undefined> {
    const row = await this.#db.selectFrom("sessions").selectAll().where("id_hash", "=", idHash).executeTakeFirst();
    return row && toSession(row);
  }

  async delete(idHash: string): Promise<void> {
    await guardWrite(() => this.#db.deleteFrom("sessions").where("id_hash", "=", idHash).execute());
  }

  /** Deletes sessions whose `expiresAt` is at or before `now`; returns how many. */
  async deleteExpired(now: string): Promise<number> {
    const result = await guardWrite(() => this.#db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst());
    return toCount(result.numDeletedRows);
  }
}
