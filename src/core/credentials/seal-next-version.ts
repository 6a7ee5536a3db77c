import type { CoreDeps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { Secret } from "../secret.ts";
import type { CredentialSecretFields, Store } from "../storage/store.ts";
import { credentialAad, type Credential, type CredentialSecretPayload } from "./credential.ts";

/** Seals `payload` as the credential's next secret version, ready to swap in. */
export function sealNextVersion(
  deps: CoreDeps,
  current: Credential,
  payload: CredentialSecretPayload,
  preview: string,
  now: string,
): CredentialSecretFields {
  const secret = new Secret(JSON.stringify(payload));
  const version = current.secretVersion + 1;
  const sealed = deps.cipher.seal(secret, credentialAad(current.id, version));
  return {
    secretBox: sealed.box,
    secretVersion: version,
    kekId: sealed.kekId,
    preview,
    fingerprint: deps.cipher.fingerprint(secret),
    updatedAt: now,
  };
}

/**
 * Swaps the sealed version in, if the credential is still at the version it was read at.
 * @throws ConflictError `CREDENTIAL_CHANGED_CONCURRENTLY` (the transaction then rolls back)
 */
export async function swapSecretVersion(store: Store, current: Credential, fields: CredentialSecretFields): Promise<void> {
  if (!(await store.credentials.replaceSecret(current.id, current.secretVersion, fields))) {
    throw new ConflictError(
      "CREDENTIAL_CHANGED_CONCURRENTLY",
      "The credential was changed by someone else meanwhile; nothing was changed. Try again.",
    );
  }
}
