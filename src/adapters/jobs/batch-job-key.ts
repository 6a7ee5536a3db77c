import type { BatchKey } from "../../core/health/health-cycle.ts";

/** The text that names a batch's job: the same batch always gives the same key. */
export const batchJobKey = (b: BatchKey): string => `${b.cycleId}/${b.credentialId}/${b.batch}`;
