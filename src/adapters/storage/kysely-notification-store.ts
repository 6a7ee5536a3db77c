import type { Kysely } from "kysely";
import type { NoticeKey } from "../../core/notifications/notice-key.ts";
import type { NotificationStore } from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

/** The record of notices sent, over Kysely (SQLite or PostgreSQL). */
export class KyselyNotificationStore implements NotificationStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** Inserts the notice unless present; ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable. */
  async markSent(key: NoticeKey, sentAt: string): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .insertInto("notices_sent")
        .values({ credentialId: key.credentialId, secretVersion: key.secretVersion, threshold: key.threshold, sentAt })
        .onConflict((oc) => oc.columns(["credentialId", "secretVersion", "threshold"]).doNothing())
        .executeTakeFirst(),
    );
    return toCount(result.numInsertedOrUpdatedRows) === 1;
  }

  async wasSent(key: NoticeKey): Promise<boolean> {
    const row = await this.#db
      .selectFrom("notices_sent")
      .select("sentAt")
      .where("credentialId", "=", key.credentialId)
      .where("secretVersion", "=", key.secretVersion)
      .where("threshold", "=", key.threshold)
      .executeTakeFirst();
    return row !== undefined;
  }
}
