import type { Kysely } from "kysely";
import type { WrappedKek } from "../../core/crypto/secret-cipher.ts";
import { ConflictError, NotFoundError } from "../../core/errors.ts";
import type { KekStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, KeksTable } from "./database-schema.ts";
import { flag, rowCodec } from "./row-codec.ts";
import { runInTransaction } from "./run-in-transaction.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

const keks = rowCodec<WrappedKek, KeksTable>({ active: flag });

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
    return sortBy(
      rows.map(keks.read),
      (k) => k.createdAt,
      (k) => k.id,
    );
  }

  /** @throws ConflictError `KEK_ACTIVE_EXISTS` when inserting an active key while another is active. */
  async insert(kek: WrappedKek): Promise<void> {
    await guardWrite(() => this.#db.insertInto("keks").values(keks.write(kek)).execute(), anotherActive);
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
      await guardWrite(() =>
        trx
          .updateTable("keks")
          .set({ active: flag.write(false) })
          .where("id", "<>", id)
          .where("active", "=", flag.write(true))
          .execute(),
      );
      await guardWrite(() =>
        trx
          .updateTable("keks")
          .set({ active: flag.write(true) })
          .where("id", "=", id)
          .execute(),
      );
    });
  }
}
