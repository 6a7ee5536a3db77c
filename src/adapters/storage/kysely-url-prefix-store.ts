import type { Kysely } from "kysely";
import type { UrlPrefixStore } from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

/** URL-prefix templates of credentials over Kysely (SQLite or PostgreSQL). */
export class KyselyUrlPrefixStore implements UrlPrefixStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async set(credentialId: string, prefixes: string[]): Promise<void> {
    await guardWrite(async () => {
      await this.#db.deleteFrom("credential_url_prefixes").where("credentialId", "=", credentialId).execute();
      const unique = [...new Set(prefixes)];
      if (unique.length > 0)
        await this.#db
          .insertInto("credential_url_prefixes")
          .values(unique.map((prefix) => ({ credentialId, prefix })))
          .execute();
    });
  }

  async listByCredential(credentialId: string): Promise<string[]> {
    const rows = await this.#db.selectFrom("credential_url_prefixes").select("prefix").where("credentialId", "=", credentialId).execute();
    return rows.map((r) => r.prefix).sort();
  }

  async findByPrefixes(prefixes: string[]): Promise<{ credentialId: string; prefix: string }[]> {
    if (prefixes.length === 0) return [];
    const rows = await this.#db.selectFrom("credential_url_prefixes").selectAll().where("prefix", "in", prefixes).execute();
    return sortBy(
      rows,
      (r) => r.prefix,
      (r) => r.credentialId,
    );
  }

  async list(): Promise<{ credentialId: string; prefix: string }[]> {
    const rows = await this.#db.selectFrom("credential_url_prefixes").selectAll().execute();
    return sortBy(
      rows,
      (r) => r.prefix,
      (r) => r.credentialId,
    );
  }
}
