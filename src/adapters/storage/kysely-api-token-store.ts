import type { Kysely, Selectable } from "kysely";
import type { ApiTokenStore } from "../../core/storage/store.ts";
import type { ApiToken } from "../../core/users/user.ts";
import type { ApiTokensTable, DatabaseSchema } from "./database-schema.ts";
import { patchToColumns } from "./patch-to-columns.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Personal API tokens (hashes only) over Kysely (SQLite or PostgreSQL). */
export class KyselyApiTokenStore implements ApiTokenStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async insert(token: ApiToken): Promise<void> {
    await guardWrite(() =>
      this.#db
        .insertInto("api_tokens")
        .values({
          id: token.id,
          user_id: token.userId,
          name: token.name,
          secret_hash: token.secretHash,
          created_at: token.createdAt,
          last_used_at: token.lastUsedAt,
          revoked_at: token.revokedAt,
        })
        .execute(),
    );
  }

  async findById(id: string): Promise<ApiToken | undefined> {
    const row = await this.#db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toApiToken(row);
  }

  /** A user's tokens, oldest first. */
  async listByUser(userId: string): Promise<ApiToken[]> {
    const rows = await this.#db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).execute();
    return sortBy(
      rows.map(toApiToken),
      (t) => t.createdAt,
      (t) => t.id,
    );
  }

  async update(id: string, patch: Partial<Pick<ApiToken, "lastUsedAt" | "revokedAt">>): Promise<void> {
    const columns = patchToColumns<typeof patch, ApiTokensTable>(patch, {
      lastUsedAt: "last_used_at",
      revokedAt: "revoked_at",
    });
    if (Object.keys(columns).length === 0) return;
    await guardWrite(() => this.#db.updateTable("api_tokens").set(columns).where("id", "=", id).execute());
  }
}
