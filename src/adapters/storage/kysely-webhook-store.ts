import type { Kysely } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { DeliveryPatch, Webhook, WebhookDelivery } from "../../core/notifications/webhook.ts";
import type { WebhookStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, WebhookDeliveriesTable } from "./database-schema.ts";
import { patchToColumns } from "./patch-to-columns.ts";
import { runInTransaction } from "./run-in-transaction.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";
import { toDelivery, toDeliveryRow, toWebhook, toWebhookRow } from "./webhook-row.ts";

/** Webhooks (sealed secrets only) and their delivery log over Kysely (SQLite or PostgreSQL). */
export class KyselyWebhookStore implements WebhookStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** @throws ConflictError `WEBHOOK_NAME_TAKEN` */
  async insert(webhook: Webhook): Promise<void> {
    await guardWrite(
      () => this.#db.insertInto("webhooks").values(toWebhookRow(webhook)).execute(),
      () => new ConflictError("WEBHOOK_NAME_TAKEN", `A webhook named "${webhook.name}" already exists.`, { field: "name" }),
    );
  }

  async findById(id: string): Promise<Webhook | undefined> {
    const row = await this.#db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toWebhook(row);
  }

  async findByName(name: string): Promise<Webhook | undefined> {
    const row = await this.#db.selectFrom("webhooks").selectAll().where("name", "=", name).executeTakeFirst();
    return row && toWebhook(row);
  }

  /** Every webhook, by name. */
  async list(): Promise<Webhook[]> {
    const rows = await this.#db.selectFrom("webhooks").selectAll().execute();
    return sortBy(rows.map(toWebhook), (w) => w.name);
  }

  /** Deletes the webhook and its delivery log together. */
  async replaceSecretBox(id: string, expectedKekId: string, box: string, kekId: string): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("webhooks")
        .set({ secret_box: box, kek_id: kekId })
        .where("id", "=", id)
        .where("kek_id", "=", expectedKekId)
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await guardWrite(() =>
      runInTransaction(this.#db, async (trx) => {
        await trx.deleteFrom("webhook_deliveries").where("webhook_id", "=", id).execute();
        await trx.deleteFrom("webhooks").where("id", "=", id).execute();
      }),
    );
  }

  async insertDelivery(delivery: WebhookDelivery): Promise<void> {
    await guardWrite(() => this.#db.insertInto("webhook_deliveries").values(toDeliveryRow(delivery)).execute());
  }

  async findDelivery(id: string): Promise<WebhookDelivery | undefined> {
    const row = await this.#db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toDelivery(row);
  }

  /** A webhook's deliveries, newest first, at most `limit`. */
  async listDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.#db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("webhook_id", "=", webhookId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map(toDelivery);
  }

  /** Pending deliveries due at `now`, the longest due first, at most `limit`. */
  async listDueDeliveries(now: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.#db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .orderBy("next_attempt_at", "asc")
      .orderBy("id", "asc")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map(toDelivery);
  }

  /** Compare-and-swap on `next_attempt_at`; false when another worker claimed it first. */
  async claimDelivery(id: string, expected: string, leaseUntil: string): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("webhook_deliveries")
        .set({ next_attempt_at: leaseUntil })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("next_attempt_at", "=", expected)
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
  }

  async updateDelivery(id: string, patch: DeliveryPatch): Promise<void> {
    const columns = patchToColumns<DeliveryPatch, WebhookDeliveriesTable>(patch, {
      attempt: "attempt",
      status: "status",
      responseStatus: "response_status",
      error: "error",
      nextAttemptAt: "next_attempt_at",
      deliveredAt: "delivered_at",
    });
    // patchToColumns drops undefined only; null clears a column, as intended.
    if (Object.keys(columns).length === 0) return;
    await guardWrite(() => this.#db.updateTable("webhook_deliveries").set(columns).where("id", "=", id).execute());
  }
}
