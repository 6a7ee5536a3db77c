/** One result of `repolink doctor`: what was checked, how it went, and what to do about a problem. */
export interface Finding {
  check: string;
  status: "ok" | "warn" | "fail";
  message: string;
  remedy?: string;
}

/** A finding that passed. */
export function ok(check: string, message: string): Finding {
  return { check, status: "ok", message };
}

/** A finding worth knowing that does not stop Repolink from working. */
export function warn(check: string, message: string, remedy: string): Finding {
  return { check, status: "warn", message, remedy };
}

/** A problem: Repolink will not work (or not safely) until it is fixed. */
export function fail(check: string, message: string, remedy: string): Finding {
  return { check, status: "fail", message, remedy };
}
