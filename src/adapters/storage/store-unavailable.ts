import { UnavailableError } from "../../core/errors.ts";

// Connection failures, by node's error code or PostgreSQL's SQLSTATE: class 08 (connection
// exception) and 57P01–57P03 (the server is shutting down or starting).
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03"]);

/** True when `error` says the database could not be reached, rather than that it refused a statement. */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  return typeof message === "string" && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** The error every request gets while the database is away: 503 with Retry-After, and the CLI a clear message. */
export function storeUnavailable(cause: unknown): UnavailableError {
  return new UnavailableError("STORE_UNAVAILABLE", "The database cannot be reached right now; try again shortly.", {
    retryAfterSeconds: 5,
    cause: cause instanceof Error ? new Error(cause.message) : undefined,
  });
}
