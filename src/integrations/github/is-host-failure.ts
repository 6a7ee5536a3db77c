import type { AppError } from "../../core/errors.ts";

/**
 * GitHub itself failed — a 5xx that outlasted the retries, or no answer — so the request says
 * nothing about the credential or the repositories: a health cycle keeps their statuses.
 */
export const isHostFailure = (error: AppError): boolean =>
  neverReachedHost(error) || (error.code === "GITHUB_UNEXPECTED_RESPONSE" && Number(error.details?.status) >= 500);

/**
 * The request never reached GitHub: no answer came, or the address guard refused the host's address
 * (a private network the host may not use, e.g. after its DNS changed). GitHub counted nothing.
 */
export const neverReachedHost = (error: AppError): boolean => error.code === "GITHUB_UNREACHABLE" || error.code === "HOST_ADDRESS_REFUSED";
