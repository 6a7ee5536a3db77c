import { AppError } from "../../core/errors.ts";
import type { ErrorCode } from "../../shared/error-codes.ts";
import { errorKinds } from "../../shared/error-kinds.ts";

/** A code the CLI reports: one of the API's, or `HTTP_<status>` when a server answered without one. */
export type CliErrorCode = ErrorCode | `HTTP_${number}`;

/** A failure the CLI reports with a code and an exit code (PRODUCT.md contract). */
export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitCode: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: CliErrorCode, message: string, exitCode: number, extra: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
    this.field = extra.field;
    this.details = extra.details;
  }

  /** The same failure from an AppError raised in-process (serve, admin create). */
  static fromAppError(error: AppError): CliError {
    const field = typeof error.details?.field === "string" ? error.details.field : undefined;
    return new CliError(error.code, error.message, errorKinds[error.kind].exitCode, field === undefined ? {} : { field });
  }
}

export { exitCodeForStatus, exitCodes } from "../../shared/error-kinds.ts";
