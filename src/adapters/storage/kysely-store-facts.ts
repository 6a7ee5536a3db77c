import { type QueryExecutorProvider, sql } from "kysely";

/** The facts a store keeps about itself. */
export type StoreFactName = "master_key_id";

/** Reads and records facts about the store (table `store_facts`), on SQLite or PostgreSQL. */
export class KyselyStoreFacts {
  readonly #db: QueryExecutorProvider;

  constructor(db: QueryExecutorProvider) {
    this.#db = db;
  }

  /** The fact's value, or null when it was never recorded. */
  async get(name: StoreFactName): Promise<string | null> {
    const { rows } = await sql<{ value: string }>`SELECT value FROM store_facts WHERE name = ${name}`.execute(this.#db);
    return rows[0]?.value ?? null;
  }

  /** Records the fact unless it is already known: the first value stays. */
  async recordOnce(name: StoreFactName, value: string): Promise<void> {
    await sql`INSERT INTO store_facts (name, value) VALUES (${name}, ${value}) ON CONFLICT (name) DO NOTHING`.execute(this.#db);
  }
}
