import type { Kysely } from "kysely";
import type { ApiTokenStore } from "../../core/storage/store.ts";
import type { ApiToken } from "../../core/users/user.ts";
import type { ApiTokensTable, DatabaseSchema } from "./database-schema.ts";
import { json, rowCodec } from "./row-codec.ts";
import { isEmpty } from "./is-empty.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

const tokenRows = rowCodec<ApiToken, ApiTokensTable>({ repos: json<string[] | null>() });

/** Personal API tokens (hashes only) over Kysely (SQLite or PostgreSQL). */
export class KyselyApiTokenStore implements ApiTokenStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async insert(token: ApiToken): Promise<void> {
    await guardWrite(() => this.#db.insertInto("api_tokens").values(tokenRows.write(token)).execute());
  }

  async findById(id: string): Promise<ApiToken | undefined> {
    const row = await this.#db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    return row && tokenRows.read(row);
  }

  /** A user's tokens, oldest first. */
  async listByUser(userId: string): Promise<ApiToken[]> {
    return sortBy(
      (await this.#db.selectFrom("api_tokens").selectAll().where("userId", "=", userId).execute()).map(tokenRows.read),
      (t) => t.createdAt,
      (t) => t.id,
    );
  }

  async update(id: string, patch: Partial<Pick<ApiToken, "lastUsedAt" | "revokedAt">>): Promise<void> {
    if (isEmpty(patch)) return;
    await guardWrite(() => this.#db.updateTable("api_tokens").set(patch).where("id", "=", id).execute());
  }
}
