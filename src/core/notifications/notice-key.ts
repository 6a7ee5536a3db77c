/** The warning steps before a known expiry, and the notice after it. */
export type ExpiryThreshold = "30d" | "7d" | "1d" | "expired";

/** Identifies one notice about one secret version of a credential, sent at most once. */
export interface NoticeKey {
  credentialId: string;
  secretVersion: number;
  threshold: ExpiryThreshold;
}
