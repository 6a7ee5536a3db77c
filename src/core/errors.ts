import type { ErrorCode } from "../shared/error-codes.ts";
import type { ErrorKind } from "../shared/error-kinds.ts";

export type { ErrorCode, ErrorKind };

/** Extra, secret-free facts an error carries to the API/CLI (e.g. the field that was wrong). */
export type ErrorDetails = Record<string, unknown>;

/**
 * The one error type of Repolink: a stable `code`, a plain message that never holds a
 * secret, optional details and a native `cause`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly details: ErrorDetails | undefined;

  constructor(kind: ErrorKind, code: ErrorCode, message: string, options?: { details?: ErrorDetails; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.code = code;
    this.details = options?.details;
  }
}

/** Bad input from a caller; `field` names what was wrong. */
export class InputError extends AppError {
  constructor(code: ErrorCode, message: string, field?: string, details?: ErrorDetails) {
    super("input", code, message, { details: field === undefined ? details : { field, ...details } });
  }
}

/** The thing asked for does not exist, or the caller may not learn that it does. */
export class NotFoundError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super("not-found", code, message, { details });
  }
}

/** The request clashes with the current state (duplicate name, credential in use…). */
export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super("conflict", code, message, { details });
  }
}

/** Not signed in (`unauthenticated`) or not allowed (`forbidden`). */
export class AuthError extends AppError {
  constructor(kind: "unauthenticated" | "forbidden", code: ErrorCode, message: string) {
    super(kind, code, message);
  }
}

/** An outside system (GitHub, git, the database) failed; the message is already redacted. */
export class UpstreamError extends AppError {
  constructor(code: ErrorCode, message: string, options?: { details?: ErrorDetails; cause?: unknown }) {
    super("upstream", code, message, options);
  }
}

/** The secret store cannot be opened: master key missing, short or wrong. */
export class SealedError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("sealed", "STORE_SEALED", message, options);
  }
}

/** A service Repolink depends on (its database) cannot be reached right now; the same request can be retried. */
export class UnavailableError extends AppError {
  constructor(code: ErrorCode, message: string, options: { retryAfterSeconds: number; cause?: unknown }) {
    super("unavailable", code, message, { details: { retryAfterSeconds: options.retryAfterSeconds }, cause: options.cause });
  }
}

/** Too many attempts (wrong passwords, setup codes) or too much work queued: the caller may retry after `retryAfterSeconds`. */
export class ThrottledError extends AppError {
  constructor(code: ErrorCode, message: string, options: { retryAfterSeconds: number }) {
    super("throttled", code, message, { details: { retryAfterSeconds: options.retryAfterSeconds } });
  }
}
