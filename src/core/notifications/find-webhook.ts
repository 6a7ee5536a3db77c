import type { CoreDeps } from "../deps.ts";
import { NotFoundError } from "../errors.ts";
import type { Webhook } from "./webhook.ts";

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** @throws NotFoundError `WEBHOOK_NOT_FOUND` when no webhook has that id or name */
export async function findWebhook(deps: Pick<CoreDeps, "store">, ref: string): Promise<Webhook> {
  const found = idPattern.test(ref) ? await deps.store.webhooks.findById(ref) : await deps.store.webhooks.findByName(ref);
  if (!found) throw new NotFoundError("WEBHOOK_NOT_FOUND", `No webhook "${ref.slice(0, 64)}".`, { field: "webhook" });
  return found;
}
