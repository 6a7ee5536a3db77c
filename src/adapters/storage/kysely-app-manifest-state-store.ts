import type { Kysely } from "kysely";
import type { AppManifestStart, StoredAppManifestState } from "../../core/credentials/app-manifest/app-manifest-start.ts";
import type { AppManifestStateStore } from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

/** GitHub App manifest states over Kysely (SQLite or PostgreSQL). */
export class KyselyAppManifestStateStore implements AppManifestStateStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  async insert(state: StoredAppManifestState): Promise<void> {
    await guardWrite(() => this.#db.insertInto("app_manifest_states").values(state).execute());
  }

  async use(stateHash: string, userId: string | null, now: string): Promise<AppManifestStart | undefined> {
    // One conditional UPDATE: the database lets only one of two concurrent uses match `used_at IS NULL`.
    return guardWrite(() =>
      this.#db
        .updateTable("app_manifest_states")
        .set({ usedAt: now })
        .where("stateHash", "=", stateHash)
        .where("userId", userId === null ? "is" : "=", userId)
        .where("usedAt", "is", null)
        .where("expiresAt", ">", now)
        .returning(["userId", "hostName", "credentialName", "scope"])
        .executeTakeFirst(),
    );
  }

  async prune(now: string): Promise<number> {
    const result = await guardWrite(() =>
      this.#db
        .deleteFrom("app_manifest_states")
        .where((eb) => eb.or([eb("usedAt", "is not", null), eb("expiresAt", "<=", now)]))
        .executeTakeFirst(),
    );
    return toCount(result.numDeletedRows);
  }
}
