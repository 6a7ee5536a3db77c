import { ConflictError } from "../../src/core/errors.ts";
import type { NoticeKey } from "../../src/core/notifications/notice-key.ts";
import type { NotificationStore, WebhookStore } from "../../src/core/storage/store.ts";
import { applyPatch, copy, insertNew, type MemoryState, requireRow, sortCopies } from "./store-memory-state.ts";

/** In-memory webhooks and their delivery log (deliveries go with their webhook). */
export function memoryWebhookStore(state: MemoryState): WebhookStore {
  return {
    async insert(webhook) {
      if ([...state.webhooks.values()].some((w) => w.name === webhook.name)) {
        throw new ConflictError("WEBHOOK_NAME_TAKEN", `A webhook named "${webhook.name}" already exists.`, { field: "name" });
      }
      insertNew(state.webhooks, webhook.id, webhook);
    },
    async findById(id) {
      return copy(state.webhooks.get(id));
    },
    async findByName(name) {
      return copy([...state.webhooks.values()].find((w) => w.name === name));
    },
    async list() {
      return sortCopies(state.webhooks.values(), (w) => w.name);
    },
    async delete(id) {
      state.webhooks.delete(id);
      for (const d of [...state.deliveries.values()]) if (d.webhookId === id) state.deliveries.delete(d.id);
    },
    async replaceSecretBox(id, expectedKekId, box, kekId) {
      const webhook = state.webhooks.get(id);
      if (!webhook || webhook.kekId !== expectedKekId) return false;
      webhook.secretBox = box;
      webhook.kekId = kekId;
      return true;
    },
    async insertDelivery(delivery) {
      requireRow(state.webhooks, delivery.webhookId, "webhook");
      const key = delivery.dedupeKey;
      if (key !== null && [...state.deliveries.values()].some((d) => d.webhookId === delivery.webhookId && d.dedupeKey === key))
        return false;
      insertNew(state.deliveries, delivery.id, delivery);
      return true;
    },
    async findDelivery(id) {
      return copy(state.deliveries.get(id));
    },
    async listDeliveries(webhookId, limit, before) {
      const own = [...state.deliveries.values()].filter(
        (d) =>
          d.webhookId === webhookId &&
          (!before || d.createdAt < before.createdAt || (d.createdAt === before.createdAt && d.id < before.id)),
      );
      return sortCopies(
        own,
        (d) => d.createdAt,
        (d) => d.id,
      )
        .reverse()
        .slice(0, Math.max(0, Math.floor(limit)));
    },
    async listDueDeliveries(now, limit) {
      const due = [...state.deliveries.values()].filter(
        (d) => d.status === "pending" && d.nextAttemptAt !== null && d.nextAttemptAt <= now,
      );
      return sortCopies(
        due,
        (d) => d.nextAttemptAt ?? "",
        (d) => d.id,
      ).slice(0, Math.max(0, Math.floor(limit)));
    },
    async claimDelivery(id, expected, leaseUntil) {
      const delivery = state.deliveries.get(id);
      if (!delivery || delivery.status !== "pending" || delivery.nextAttemptAt !== expected) return false;
      delivery.nextAttemptAt = leaseUntil;
      return true;
    },
    async updateDelivery(id, patch) {
      const delivery = state.deliveries.get(id);
      if (delivery) applyPatch(delivery, patch);
    },
  };
}

function noticeId(key: NoticeKey): string {
  return `${key.credentialId}/${key.secretVersion}/${key.threshold}`;
}

/** In-memory record of notices sent. */
export function memoryNotificationStore(state: MemoryState): NotificationStore {
  return {
    async markSent(key, sentAt) {
      if (state.notices.has(noticeId(key))) return false;
      state.notices.set(noticeId(key), sentAt);
      return true;
    },
    async wasSent(key) {
      return state.notices.has(noticeId(key));
    },
  };
}
