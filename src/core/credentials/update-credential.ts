import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, ConflictError, InputError } from "../errors.ts";
import { findManageableCredential } from "./credential-access.ts";
import type { Credential, CredentialRelease } from "./credential.ts";
import { checkReleaseChange } from "./check-release-change.ts";
import { checkSecretInput, type SecretInput } from "./credential-secret-input.ts";
import { checkCredentialName, checkCredentialUsername } from "./check-credential-name.ts";
import { checkCredentialNameFree } from "./check-credential-name-free.ts";
import { checkUrlPrefixes } from "./credential-templates.ts";
import type { Store } from "../storage/store.ts";
import { applyCheckResult, runCredentialCheck } from "./run-credential-check.ts";
import type { CredentialMetadataPatch } from "../storage/store.ts";
import { keepAppIdentity } from "./keep-app-identity.ts";
import { sealNextVersion, swapSecretVersion } from "./seal-next-version.ts";

/** What may change on a credential; a new secret makes a new secret version. */
export interface CredentialChanges {
  name?: string;
  username?: string | null;
  secret?: SecretInput;
  validate?: boolean;
  release?: CredentialRelease;
  /** Replaces the credential's URL-prefix templates (an empty list removes them). */
  urlPrefixes?: string[];
}

/**
 * Updates a credential in place. A new secret is sealed as version n+1 and swapped in with a
 * compare-and-swap, so the stored value is always exactly the old or the new one.
 * @throws NotFoundError `CREDENTIAL_NOT_FOUND`, InputError, ConflictError `CREDENTIAL_CHANGED_CONCURRENTLY`
 */
export async function updateCredential(deps: CoreDeps, actor: Actor, ref: string, changes: CredentialChanges): Promise<Credential> {
  const current = await findManageableCredential(deps, actor, ref);
  try {
    if (
      changes.name === undefined &&
      changes.username === undefined &&
      changes.secret === undefined &&
      changes.release === undefined &&
      changes.urlPrefixes === undefined
    ) {
      throw new InputError("NOTHING_TO_UPDATE", "Give at least one of name, username, secret, release or url-prefix to update.", "secret");
    }
    if (changes.secret && changes.secret.kind !== current.kind) {
      throw new InputError("CREDENTIAL_TYPE_MISMATCH", `This credential holds a ${current.kind}; the new secret must be one too.`, "type");
    }
    const now = deps.now().toISOString();
    const metadata: CredentialMetadataPatch = { updatedAt: now };
    if (changes.name !== undefined) metadata.name = checkCredentialName(changes.name, deps.integrations);
    if (changes.username !== undefined) metadata.username = checkCredentialUsername(changes.username, deps.integrations);
    const release = checkReleaseChange(actor, changes.release);
    if (release !== undefined) metadata.release = release;
    const host = await deps.store.hosts.findByName(current.hostName);
    // Name and templates are checked and written inside each transaction below, with the rest of the change.
    const namesAndTemplates = async (store: Store): Promise<void> => {
      if (metadata.name !== undefined) await checkCredentialNameFree(store, { ...current, name: metadata.name });
      if (changes.urlPrefixes === undefined) return;
      if (!host) throw new InputError("HOST_UNKNOWN", `The credential's host ${current.hostName} is no longer registered.`, "urlPrefixes");
      await store.urlPrefixes.set(current.id, await checkUrlPrefixes(store, actor, current, host, changes.urlPrefixes));
    };

    if (changes.secret) {
      const secretInput = await keepAppIdentity(deps, current, changes.secret);
      const { payload, preview } = await checkSecretInput(
        secretInput,
        host ? deps.integrations.get(host.kind).secrets : null,
        deps.sshKeys,
      );
      const check =
        host && changes.validate !== false ? await runCredentialCheck(deps, host, payload, metadata.username ?? current.username) : null;
      const fields = sealNextVersion(deps, current, payload, preview, now);
      if (check) Object.assign(metadata, applyCheckResult(check, now));
      else Object.assign(metadata, { status: "unchecked", validation: null, lastValidatedAt: null, expiresAt: null });
      await deps.store.transaction(async (store) => {
        await namesAndTemplates(store);
        await swapSecretVersion(store, current, fields);
        await store.credentials.updateMetadata(current.id, metadata);
        // Never a stale status: until they are re-checked, the dependents say so.
        for (const repository of await store.repositories.listByCredential(current.id)) {
          await store.repositories.update(repository.id, {
            status: "unchecked",
            reasonCode: "CREDENTIAL_UPDATED",
            message: `Its credential "${current.name}" was updated; the connection is being re-checked.`,
            remedy: null,
          });
        }
        await auditUpdate({ ...deps, store }, actor, current, { version: fields.secretVersion, fingerprint: fields.fingerprint });
      });
    } else {
      await deps.store.transaction(async (store) => {
        await namesAndTemplates(store);
        await store.credentials.updateMetadata(current.id, metadata);
        const fields = Object.keys(metadata).filter((k) => k !== "updatedAt");
        await auditUpdate({ ...deps, store }, actor, current, {
          fields: changes.urlPrefixes === undefined ? fields : [...fields, "urlPrefixes"],
          ...(changes.urlPrefixes === undefined ? {} : { urlPrefixes: await store.urlPrefixes.listByCredential(current.id) }),
        });
      });
    }
    const updated = await deps.store.credentials.findById(current.id);
    if (!updated) throw new ConflictError("CREDENTIAL_DELETED_CONCURRENTLY", "The credential was deleted meanwhile.");
    return updated;
  } catch (error) {
    await recordAudit(deps, actor, {
      action: "credential.update",
      targetType: "credential",
      targetId: current.id,
      targetName: current.name,
      outcome: error instanceof AuthError ? "denied" : "failure",
      detail: { code: (error as { code?: string }).code ?? "INTERNAL" },
    });
    throw error;
  }
}

async function auditUpdate(deps: CoreDeps, actor: Actor, credential: Credential, detail: Record<string, unknown>): Promise<void> {
  await recordAudit(deps, actor, {
    action: "credential.update",
    targetType: "credential",
    targetId: credential.id,
    targetName: credential.name,
    detail,
  });
}
