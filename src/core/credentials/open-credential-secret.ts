import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { Secret } from "../secret.ts";
import { credentialAad, type Credential, type CredentialSecretPayload } from "./credential.ts";

/** A credential's secret, opened for one use; the fields are Secrets so they never print. */
export type OpenedSecret =
  | { kind: "token"; token: Secret }
  | { kind: "ssh-key"; privateKey: Secret; passphrase: Secret | null }
  | { kind: "github-app"; appId: string; privateKey: Secret; installationId: string | null };

/**
 * Opens a credential's secret for `purpose` (e.g. "git clone owner/repo") and audits the use.
 * If another instance rotated the keyring, the keys are reloaded once.
 * @throws AppError `SECRET_INTEGRITY`, SealedError `STORE_SEALED`
 */
export async function openCredentialSecret(deps: CoreDeps, actor: Actor, credential: Credential, purpose: string): Promise<OpenedSecret> {
  try {
    const payload = await openPayload(deps, credential);
    await recordAudit(deps, actor, {
      action: "credential.use",
      targetType: "credential",
      targetId: credential.id,
      targetName: credential.name,
      detail: { purpose },
    });
    return openedSecretOf(payload);
  } catch (error) {
    await recordAudit(deps, actor, {
      action: "credential.use",
      targetType: "credential",
      targetId: credential.id,
      targetName: credential.name,
      outcome: "failure",
      detail: { purpose, code: error instanceof AppError ? error.code : "INTERNAL" },
    });
    throw error;
  }
}

/** A decrypted payload wrapped in Secrets, for one use. */
export function openedSecretOf(payload: CredentialSecretPayload): OpenedSecret {
  if (payload.kind === "token") return { kind: "token", token: new Secret(payload.token) };
  if (payload.kind === "github-app")
    return { kind: "github-app", appId: payload.appId, privateKey: new Secret(payload.privateKey), installationId: payload.installationId };
  return {
    kind: "ssh-key",
    privateKey: new Secret(payload.privateKey),
    passphrase: payload.passphrase === null ? null : new Secret(payload.passphrase),
  };
}

/** Decrypts the payload without auditing (callers audit). */
export async function openPayload(deps: CoreDeps, credential: Credential): Promise<CredentialSecretPayload> {
  const aad = credentialAad(credential.id, credential.secretVersion);
  if (credential.kekId !== deps.keys.activeKeyId()) {
    try {
      return JSON.parse(deps.cipher.open(credential.secretBox, aad).reveal()) as CredentialSecretPayload;
    } catch {
      deps.keys.load(await deps.store.keks.list());
    }
  }
  return JSON.parse(deps.cipher.open(credential.secretBox, aad).reveal()) as CredentialSecretPayload;
}
