import type { Kysely } from "kysely";
import type { WrappedKek } from "../../core/crypto/secret-cipher.ts";
import { ConflictError, NotFoundError } from "../../core/errors.ts";
import type { KekStore } from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { runInTransaction } from "./run-in-transaction.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

function anotherActive(): ConflictError {
  return new ConflictError("KEK_ACTIVE_EXISTS", "Another key-encryption key is already active; insert it inactive, then activate it.");
}

/** Wrapped key-encryption keys over Kysely (SQLite or PostgreSQL); at most one is active. */
export class KyselyKekStore implements KekStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** Every key, oldest first. */
  async list(): Promise<WrappedKek[]> {
    const rows = await this.#db.selectFrom("keks").selectAll().execute();
    const keks = rows.map((row) => ({ id: row.id, wrapped: row.wrapped, createdAt: row.created_at, active: row.active === 1 }));
    return sortBy(
      keks,
      (k) => k.createdAt,
      (k) => k.id,
    );
  }

  /** @throws ConflictError `KEK_ACTIVE_EXISTS` when inserting an active key while another is active. */
  async insert(kek: WrappedKek): Promise<void> {
    await guardWrite(
      () =>
        this.#db
          .insertInto("keks")
          .values({ id: kek.id, wrapped: kek.wrapped, created_at: kek.createdAt, active: kek.active ? 1 : 0 })
          .execute(),
      anotherActive,
    );
  }

  /**
   * Marks `id` active and every other key inactive, in one transaction.
   * @throws NotFoundError `KEK_NOT_FOUND`
   */
  async activate(id: string): Promise<void> {
    await runInTransaction(this.#db, async (trx) => {
      const found = await trx.selectFrom("keks").select("id").where("id", "=", id).executeTakeFirst();
      if (!found) throw new NotFoundError("KEK_NOT_FOUND", `No key-encryption key with id "${id}".`);
      // Two statements: PostgreSQL checks the one-active index row by row.
      await guardWrite(() => trx.updateTable("keks").set({ active: 0 }).where("id", "<>", id).where("active", "=", 1).execute());
      await guardWrite(() => trx.updateTable("keks").set({ active: 1 }).where("id", "=", id).execute());
    });
  }
}
