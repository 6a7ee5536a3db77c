import { AppError, exitCodeByKind } from "../../core/errors.ts";

/** A failure the CLI reports with a code and an exit code (PRODUCT.md contract). */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, exitCode: number, extra: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
    this.field = extra.field;
    this.details = extra.details;
  }

  /** The same failure from an AppError raised in-process (serve, admin create). */
  static fromAppError(error: AppError): CliError {
    const field = typeof error.details?.field === "string" ? error.details.field : undefined;
    return new CliError(error.code, error.message, exitCodeByKind[error.kind], field === undefined ? {} : { field });
  }
}

/** Exit codes of the CLI contract. */
export const exitCodes = { ok: 0, failure: 1, usage: 2, auth: 3, checkFailing: 4 } as const;

/** Exit code for an HTTP error status from the server. */
export function exitCodeForStatus(status: number): number {
  if (status === 400 || status === 413) return exitCodes.usage;
  if (status === 401 || status === 403) return exitCodes.auth;
  return exitCodes.failure;
}
