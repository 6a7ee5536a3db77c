import { AppError, type ConflictError, UpstreamError } from "../../core/errors.ts";

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  stack?: unknown;
}

/** True for a unique-key clash other than a primary key (SQLite and PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, constraint } = error as DriverError;
  if (code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  return code === "23505" && !(typeof constraint === "string" && constraint.endsWith("_pkey"));
}

/**
 * A copy of a driver error with only its message and stack: PostgreSQL's `detail` can
 * quote a whole row ("Failing row contains …"), secret boxes included.
 */
function redactedCause(error: unknown): Error {
  const { message, stack } = (typeof error === "object" && error !== null ? error : {}) as DriverError;
  const cause = new Error(typeof message === "string" ? message : "Unknown database error");
  if (typeof stack === "string") cause.stack = stack;
  return cause;
}

/**
 * Runs a write, turning a unique clash into `conflict()` and any other driver error into
 * an UpstreamError `STORAGE_FAILED` that holds no row values.
 */
export async function guardWrite<T>(work: () => Promise<T>, conflict?: () => ConflictError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (conflict !== undefined && isUniqueViolation(error)) throw conflict();
    const cause = redactedCause(error);
    const code = (error as DriverError | null)?.code;
    throw new UpstreamError("STORAGE_FAILED", `The database refused the write: ${cause.message}`, {
      details: typeof code === "string" ? { dbCode: code } : undefined,
      cause,
    });
  }
}
