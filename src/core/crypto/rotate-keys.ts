import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { credentialAad } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import { webhookAad } from "../notifications/webhook.ts";

/** What a key rotation did. */
export interface KeyRotationReport {
  kekId: string;
  rewrapped: number;
  skipped: number;
}

/**
 * Makes a new key-encryption key, activates it, then re-wraps every secret's data key under
 * it, one record at a time, while the server keeps serving. The new key is stored before it
 * is used, and old keys are kept, so a crash at any point leaves every record openable.
 */
export async function rotateKeys(deps: CoreDeps, actor: Actor): Promise<KeyRotationReport> {
  requireAdmin(actor, "rotate the encryption keys");
  const kek = deps.keys.createKek(deps.now().toISOString());
  await deps.store.keks.insert(kek);
  await deps.store.keks.activate(kek.id);
  deps.keys.load(await deps.store.keks.list());

  let rewrapped = 0;
  let skipped = 0;
  for (const credential of await deps.store.credentials.list()) {
    if (credential.kekId === kek.id) continue;
    const aad = credentialAad(credential.id, credential.secretVersion);
    const sealed = deps.cipher.rewrap(credential.secretBox, aad);
    // A concurrent update already wrote a box under the new key; nothing to do then.
    const stored = await deps.store.credentials.replaceBox(credential.id, credential.secretVersion, sealed.box, sealed.kekId);
    if (stored) rewrapped += 1;
    else skipped += 1;
  }
  for (const webhook of await deps.store.webhooks.list()) {
    if (webhook.kekId === kek.id) continue;
    const sealed = deps.cipher.rewrap(webhook.secretBox, webhookAad(webhook.id));
    if (await deps.store.webhooks.replaceSecretBox(webhook.id, webhook.kekId, sealed.box, sealed.kekId)) rewrapped += 1;
    else skipped += 1;
  }
  await recordAudit(deps, actor, { action: "keys.rotate", targetType: "keyring", targetId: kek.id, detail: { rewrapped, skipped } });
  return { kekId: kek.id, rewrapped, skipped };
}
