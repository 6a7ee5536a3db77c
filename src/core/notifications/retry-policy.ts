/** How often and how long a failing delivery is retried. */
export interface RetryPolicy {
  /** Wait after attempt n fails is `delaysMs[n - 1]` (the last entry repeats). */
  delaysMs: number[];
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** How long a claimed delivery stays hidden from other workers while it is sent. */
  leaseMs: number;
}

/** 10 s, 1 min, 5 min, 30 min, 2 h between six attempts. */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  delaysMs: [10_000, 60_000, 300_000, 1_800_000, 7_200_000],
  maxAttempts: 6,
  leaseMs: 120_000,
});

/** The wait after failed attempt number `attempt` (1-based). */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const { delaysMs } = policy;
  return delaysMs[Math.min(attempt, delaysMs.length) - 1] ?? 60_000;
}
