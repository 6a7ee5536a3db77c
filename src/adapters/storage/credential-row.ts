import type { Insertable, Selectable } from "kysely";
import type { Credential } from "../../core/credentials/credential.ts";
import type { CredentialsTable } from "./database-schema.ts";

/** A `credentials` row as the Credential entity. */
export function toCredential(row: Selectable<CredentialsTable>): Credential {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    scope: row.scope,
    ownerId: row.owner_id,
    hostName: row.host_name,
    username: row.username,
    preview: row.preview,
    fingerprint: row.fingerprint,
    secretBox: row.secret_box,
    secretVersion: Number(row.secret_version),
    kekId: row.kek_id,
    status: row.status,
    validation: row.validation === null ? null : (JSON.parse(row.validation) as Record<string, unknown>),
    lastValidatedAt: row.last_validated_at,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A Credential entity as a `credentials` row. */
export function toCredentialRow(credential: Credential): Insertable<CredentialsTable> {
  return {
    id: credential.id,
    name: credential.name,
    kind: credential.kind,
    scope: credential.scope,
    owner_id: credential.ownerId,
    host_name: credential.hostName,
    username: credential.username,
    preview: credential.preview,
    fingerprint: credential.fingerprint,
    secret_box: credential.secretBox,
    secret_version: credential.secretVersion,
    kek_id: credential.kekId,
    status: credential.status,
    validation: credential.validation === null ? null : JSON.stringify(credential.validation),
    last_validated_at: credential.lastValidatedAt,
    expires_at: credential.expiresAt,
    created_by: credential.createdBy,
    created_at: credential.createdAt,
    updated_at: credential.updatedAt,
  };
}
