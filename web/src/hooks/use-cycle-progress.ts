import { useEffect, useState } from "react";
import { errorMessage } from "../api/api-error.ts";
import { repositoryApi } from "../api/repository-api.ts";

export type CycleProgress = Awaited<ReturnType<typeof repositoryApi.checkProgress>>;

// Polled rather than streamed: plain requests pass any proxy unchanged, and a check lands ≤ 100 repositories at a time.
const POLL_MS = 1000;

/** Follows a started check (a health cycle) until it is done: its latest progress, and the error of the latest poll. */
export function useCycleProgress(cycleId: string | undefined): { progress: CycleProgress | null; error: string | null } {
  const [progress, setProgress] = useState<CycleProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setProgress(null);
    setError(null);
    if (!cycleId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await repositoryApi.checkProgress(cycleId);
        if (!live) return;
        setProgress(next);
        setError(null);
        if (next.done) return;
      } catch (e) {
        if (!live) return;
        setError(errorMessage(e));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [cycleId]);
  return { progress, error };
}
