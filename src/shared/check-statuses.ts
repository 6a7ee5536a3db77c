/** A repository's connection status: `unchecked` until its first check. */
export const connectionStatuses = ["unchecked", "connected", "degraded", "failing"] as const;

/** A repository's connection status. */
export type ConnectionStatus = (typeof connectionStatuses)[number];

/** What one step of a connection check can end as; `skipped` did not run. */
export const checkStepStatuses = ["passed", "warning", "failed", "skipped"] as const;

/** What one step of a connection check ended as. */
export type CheckStepStatus = (typeof checkStepStatuses)[number];
