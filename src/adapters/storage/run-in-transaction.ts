import type { Kysely, Transaction } from "kysely";

/** Runs `work` in a transaction, or in the caller's one when `db` already is a transaction. */
export async function runInTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx: Transaction<DB>) => work(trx));
}
