import type { Kysely } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { DeliveryCursor, DeliveryPatch, Webhook, WebhookDelivery } from "../../core/notifications/webhook.ts";
import type { WebhookStore } from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { isEmpty } from "./is-empty.ts";
import { runInTransaction } from "./run-in-transaction.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";
import { deliveryRows, webhookRows } from "./webhook-row.ts";

/** Webhooks (sealed secrets only) and their delivery log over Kysely (SQLite or PostgreSQL). */
export class KyselyWebhookStore implements WebhookStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** @throws ConflictError `WEBHOOK_NAME_TAKEN` */
  async insert(webhook: Webhook): Promise<void> {
    await guardWrite(
      () => this.#db.insertInto("webhooks").values(webhookRows.write(webhook)).execute(),
      () => new ConflictError("WEBHOOK_NAME_TAKEN", `A webhook named "${webhook.name}" already exists.`, { field: "name" }),
    );
  }

  async findById(id: string): Promise<Webhook | undefined> {
    const row = await this.#db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
    return row && webhookRows.read(row);
  }

  async findByName(name: string): Promise<Webhook | undefined> {
    const row = await this.#db.selectFrom("webhooks").selectAll().where("name", "=", name).executeTakeFirst();
    return row && webhookRows.read(row);
  }

  /** Every webhook, by name. */
  async list(): Promise<Webhook[]> {
    const rows = await this.#db.selectFrom("webhooks").selectAll().execute();
    return sortBy(rows.map(webhookRows.read), (w) => w.name);
  }

  /** Deletes the webhook and its delivery log together. */
  async replaceSecretBox(id: string, expectedKekId: string, box: string, kekId: string): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("webhooks")
        .set({ secretBox: box, kekId })
        .where("id", "=", id)
        .where("kekId", "=", expectedKekId)
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await guardWrite(() =>
      runInTransaction(this.#db, async (trx) => {
        await trx.deleteFrom("webhook_deliveries").where("webhookId", "=", id).execute();
        await trx.deleteFrom("webhooks").where("id", "=", id).execute();
      }),
    );
  }

  /** Inserts unless the webhook has a delivery with the same key: the unique index decides, across instances. */
  async insertDelivery(delivery: WebhookDelivery): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .insertInto("webhook_deliveries")
        .values(deliveryRows.write(delivery))
        .onConflict((oc) => oc.columns(["webhookId", "dedupeKey"]).doNothing())
        .executeTakeFirst(),
    );
    return toCount(result.numInsertedOrUpdatedRows) === 1;
  }

  async findDelivery(id: string): Promise<WebhookDelivery | undefined> {
    const row = await this.#db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    return row && deliveryRows.read(row);
  }

  /** A webhook's deliveries, newest first, older than `before` when given, at most `limit`. */
  async listDeliveries(webhookId: string, limit: number, before?: DeliveryCursor): Promise<WebhookDelivery[]> {
    let query = this.#db.selectFrom("webhook_deliveries").selectAll().where("webhookId", "=", webhookId);
    if (before)
      query = query.where((eb) =>
        eb.or([eb("createdAt", "<", before.createdAt), eb.and([eb("createdAt", "=", before.createdAt), eb("id", "<", before.id)])]),
      );
    const rows = await query
      .orderBy("createdAt", "desc")
      .orderBy("id", "desc")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map(deliveryRows.read);
  }

  /** Pending deliveries due at `now`, the longest due first, at most `limit`. */
  async listDueDeliveries(now: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.#db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("status", "=", "pending")
      .where("nextAttemptAt", "<=", now)
      .orderBy("nextAttemptAt", "asc")
      .orderBy("id", "asc")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map(deliveryRows.read);
  }

  /** Compare-and-swap on `nextAttemptAt`; false when another worker claimed it first. */
  async claimDelivery(id: string, expected: string, leaseUntil: string): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("webhook_deliveries")
        .set({ nextAttemptAt: leaseUntil })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("nextAttemptAt", "=", expected)
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
  }

  async updateDelivery(id: string, patch: DeliveryPatch): Promise<void> {
    // undefined leaves a column as it is; null clears it, as intended.
    if (isEmpty(patch)) return;
    await guardWrite(() => this.#db.updateTable("webhook_deliveries").set(deliveryRows.write(patch)).where("id", "=", id).execute());
  }
}
