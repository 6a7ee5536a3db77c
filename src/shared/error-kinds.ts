/** Every failure Repolink reports has a stable code; these are the kinds by meaning. */
export type ErrorKind =
  "input" | "not-found" | "conflict" | "unauthenticated" | "forbidden" | "throttled" | "upstream" | "sealed" | "unavailable" | "internal";

/** Exit codes of the CLI contract (PRODUCT.md): 1 failure, 2 usage, 3 auth, 4 a check is failing. */
export const exitCodes = { ok: 0, failure: 1, usage: 2, auth: 3, checkFailing: 4 } as const;

/** One of the CLI's exit codes. */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** The one table of what each kind of error means over HTTP and as a CLI exit code. */
export const errorKinds: Record<ErrorKind, { status: number; exitCode: ExitCode }> = {
  input: { status: 400, exitCode: exitCodes.usage },
  "not-found": { status: 404, exitCode: exitCodes.failure },
  conflict: { status: 409, exitCode: exitCodes.failure },
  unauthenticated: { status: 401, exitCode: exitCodes.auth },
  forbidden: { status: 403, exitCode: exitCodes.auth },
  throttled: { status: 429, exitCode: exitCodes.failure },
  upstream: { status: 502, exitCode: exitCodes.failure },
  sealed: { status: 503, exitCode: exitCodes.failure },
  unavailable: { status: 503, exitCode: exitCodes.failure },
  internal: { status: 500, exitCode: exitCodes.failure },
};

/**
 * The CLI exit code for an error status the server answered, read from the same table.
 * A body over the size limit (413) is the caller's input too.
 * @example exitCodeForStatus(403); // 3
 */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 413) return errorKinds.input.exitCode;
  const kind = Object.values(errorKinds).find((entry) => entry.status === status);
  return kind?.exitCode ?? exitCodes.failure;
}
