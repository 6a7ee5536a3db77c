/** Every failure Repolink reports has a stable code; these are the kinds by meaning. */
export type ErrorKind =
  "input" | "not-found" | "conflict" | "unauthenticated" | "forbidden" | "upstream" | "sealed" | "unavailable" | "internal";

/** Extra, secret-free facts an error carries to the API/CLI (e.g. the field that was wrong). */
export type ErrorDetails = Record<string, unknown>;

/**
 * The one error type of Repolink: a stable `code`, a plain message that never holds a
 * secret, optional details and a native `cause`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: ErrorDetails | undefined;

  constructor(kind: ErrorKind, code: string, message: string, options?: { details?: ErrorDetails; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.code = code;
    this.details = options?.details;
  }
}

/** Bad input from a caller; `field` names what was wrong. */
export class InputError extends AppError {
  constructor(code: string, message: string, field?: string, details?: ErrorDetails) {
    super("input", code, message, { details: field === undefined ? details : { field, ...details } });
  }
}

/** The thing asked for does not exist, or the caller may not learn that it does. */
export class NotFoundError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super("not-found", code, message, { details });
  }
}

/** The request clashes with the current state (duplicate name, credential in use…). */
export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super("conflict", code, message, { details });
  }
}

/** Not signed in (`unauthenticated`) or not allowed (`forbidden`). */
export class AuthError extends AppError {
  constructor(kind: "unauthenticated" | "forbidden", code: string, message: string) {
    super(kind, code, message);
  }
}

/** An outside system (GitHub, git, the database) failed; the message is already redacted. */
export class UpstreamError extends AppError {
  constructor(code: string, message: string, options?: { details?: ErrorDetails; cause?: unknown }) {
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
  constructor(code: string, message: string, options: { retryAfterSeconds: number; cause?: unknown }) {
    super("unavailable", code, message, { details: { retryAfterSeconds: options.retryAfterSeconds }, cause: options.cause });
  }
}

/** HTTP status for each kind of error. */
export const httpStatusByKind: Record<ErrorKind, number> = {
  input: 400,
  "not-found": 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  upstream: 502,
  sealed: 503,
  unavailable: 503,
  internal: 500,
};

/** CLI exit code for each kind of error (PRODUCT.md: 1 failure, 2 usage, 3 auth). */
export const exitCodeByKind: Record<ErrorKind, number> = {
  input: 2,
  "not-found": 1,
  conflict: 1,
  unauthenticated: 3,
  forbidden: 3,
  upstream: 1,
  sealed: 1,
  unavailable: 1,
  internal: 1,
};
