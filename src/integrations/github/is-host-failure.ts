import type { AppError } from "../../core/errors.ts";

/**
 * GitHub itself failed — a 5xx that outlasted the retries, or no answer — so the request says
 * nothing about the credential or the repositories: a health cycle keeps their statuses.
 */
export const isHostFailure = (error: AppError): boolean =>
  error.code === "GITHUB_UNREACHABLE" || (error.code === "GITHUB_UNEXPECTED_RESPONSE" && Number(error.details?.status) >= 500);
