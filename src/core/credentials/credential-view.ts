import type { Credential } from "./credential.ts";

/** What the API, CLI and UI may show of a credential: never the secret or its box. */
export interface CredentialView {
  id: string;
  name: string;
  type: Credential["kind"];
  scope: Credential["scope"];
  owner: string | null;
  host: string;
  username: string | null;
  preview: string;
  fingerprint: string;
  version: number;
  status: Credential["status"];
  validation: Record<string, unknown> | null;
  lastValidatedAt: string | null;
  expiresAt: string | null;
  release: NonNullable<Credential["release"]>;
  createdAt: string;
  updatedAt: string;
  /** How many repositories use it, when counted (the list links to them; names would be 10,000 strings). */
  usedByCount?: number;
  /** Its URL-prefix templates (normalised), when loaded. */
  urlPrefixes?: string[];
}

/** Projects a stored credential to its public view. */
export function credentialView(c: Credential, usedByCount?: number, urlPrefixes?: string[]): CredentialView {
  return {
    id: c.id,
    name: c.name,
    type: c.kind,
    scope: c.scope,
    owner: c.ownerId,
    host: c.hostName,
    username: c.username,
    preview: c.preview,
    fingerprint: c.fingerprint,
    version: c.secretVersion,
    status: c.status,
    validation: c.validation,
    lastValidatedAt: c.lastValidatedAt,
    expiresAt: c.expiresAt,
    release: c.release ?? "helper",
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(usedByCount === undefined ? {} : { usedByCount }),
    ...(urlPrefixes === undefined ? {} : { urlPrefixes }),
  };
}
