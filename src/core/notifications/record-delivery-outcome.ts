import type { CoreDeps } from "../deps.ts";
import { UnavailableError } from "../errors.ts";
import type { DeliveryPatch } from "./webhook.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stores what became of a delivery, trying again while the store is unavailable until `untilMs`
 * (a real-clock time within the claim's lease): the receiver may already have it, and a
 * delivery left claimed but unmarked is sent again by any instance once the lease ends.
 * @throws the store's error once `untilMs` has passed, or any other error at once
 */
export async function recordDeliveryOutcome(
  deps: Pick<CoreDeps, "store">,
  id: string,
  patch: DeliveryPatch,
  untilMs: number,
  waitMs = 1_000,
): Promise<void> {
  for (;;) {
    try {
      await deps.store.webhooks.updateDelivery(id, patch);
      return;
    } catch (error) {
      if (!(error instanceof UnavailableError) || Date.now() + waitMs > untilMs) throw error;
      await sleep(waitMs);
    }
  }
}
