import type { Kysely } from "kysely";
import type { RepositoryMapping } from "../../core/repositories/repository-mapping.ts";
import type { RepositoryMappingStore } from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

/** Per-member repository mappings over Kysely (SQLite or PostgreSQL). */
export class KyselyRepositoryMappingStore implements RepositoryMappingStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async put(mapping: RepositoryMapping): Promise<void> {
    await guardWrite(() =>
      this.#db
        .insertInto("repository_mappings")
        .values(mapping)
        .onConflict((oc) =>
          oc.columns(["repositoryId", "userId"]).doUpdateSet({ credentialId: mapping.credentialId, createdAt: mapping.createdAt }),
        )
        .execute(),
    );
  }

  async find(repositoryId: string, userId: string): Promise<RepositoryMapping | undefined> {
    return this.#db
      .selectFrom("repository_mappings")
      .selectAll()
      .where("repositoryId", "=", repositoryId)
      .where("userId", "=", userId)
      .executeTakeFirst();
  }

  async listByUser(userId: string): Promise<RepositoryMapping[]> {
    const rows = await this.#db.selectFrom("repository_mappings").selectAll().where("userId", "=", userId).execute();
    return sortBy(rows, (m) => m.repositoryId);
  }

  async listByCredential(credentialId: string): Promise<RepositoryMapping[]> {
    const rows = await this.#db.selectFrom("repository_mappings").selectAll().where("credentialId", "=", credentialId).execute();
    return sortBy(
      rows,
      (m) => m.repositoryId,
      (m) => m.userId,
    );
  }

  async delete(repositoryId: string, userId: string): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db.deleteFrom("repository_mappings").where("repositoryId", "=", repositoryId).where("userId", "=", userId).executeTakeFirst(),
    );
    return Number(result.numDeletedRows) > 0;
  }
}
