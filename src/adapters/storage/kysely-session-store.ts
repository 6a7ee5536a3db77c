import type { Kysely } from "kysely";
import type { SessionStore } from "../../core/storage/store.ts";
import type { Session } from "../../core/users/user.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

/** Browser sessions over Kysely (SQLite or PostgreSQL). */
export class KyselySessionStore implements SessionStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async insert(session: Session): Promise<void> {
    await guardWrite(() => this.#db.insertInto("sessions").values(session).execute());
  }

  async findByIdHash(idHash: string): Promise<Session | undefined> {
    return this.#db.selectFrom("sessions").selectAll().where("idHash", "=", idHash).executeTakeFirst();
  }

  async delete(idHash: string): Promise<void> {
    await guardWrite(() => this.#db.deleteFrom("sessions").where("idHash", "=", idHash).execute());
  }

  /** Deletes sessions whose `expiresAt` is at or before `now`; returns how many. */
  async deleteExpired(now: string): Promise<number> {
    const result = await guardWrite(() => this.#db.deleteFrom("sessions").where("expiresAt", "<=", now).executeTakeFirst());
    return toCount(result.numDeletedRows);
  }
}
