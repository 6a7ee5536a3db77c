import type { ConnectionStatus } from "./repository.ts";

/** A step of a connection check; each host kind names its own (GitHub: token, visibility, permission, transport). */
export type CheckStepName = string;

/** One step's outcome: `warning` still works (the result is then `degraded`). */
export interface CheckStep {
  name: CheckStepName;
  status: "passed" | "warning" | "failed" | "skipped";
  code: string | null;
  message: string;
  remedy: string | null;
}

/** A finished connection check: the overall status, its reason and every step. */
export interface ConnectionReport {
  status: Exclude<ConnectionStatus, "unchecked">;
  reasonCode: string | null;
  message: string;
  remedy: string | null;
  at: string;
  steps: CheckStep[];
}

/** A step that did not run because an earlier one failed (or it does not apply). */
export function skippedStep(name: CheckStepName, message: string): CheckStep {
  return { name, status: "skipped", code: null, message, remedy: null };
}

/** Sums the steps up: a failed step makes it `failing`, a warning `degraded`, else `connected`. */
export function finishReport(steps: CheckStep[], at: string, okMessage: string): ConnectionReport {
  const reason = steps.find((s) => s.status === "failed") ?? steps.find((s) => s.status === "warning");
  if (!reason) return { status: "connected", reasonCode: null, message: okMessage, remedy: null, at, steps };
  return {
    status: reason.status === "failed" ? "failing" : "degraded",
    reasonCode: reason.code,
    message: reason.message,
    remedy: reason.remedy,
    at,
    steps,
  };
}
