import type { CredentialScope } from "../credential.ts";

/** What a manifest flow was started for; the App GitHub creates is stored as this credential. */
export interface AppManifestStart {
  userId: string | null;
  hostName: string;
  credentialName: string;
  scope: CredentialScope;
}

/** A state as stored: its SHA-256 (never the state), what it was issued for, and until when it may be used. */
export interface StoredAppManifestState extends AppManifestStart {
  stateHash: string;
  expiresAt: string;
  usedAt: string | null;
}
