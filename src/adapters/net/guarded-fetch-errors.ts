import { AppError, UpstreamError } from "../../core/errors.ts";

/** Code of every refusal to connect, whatever the reason (SECURITY 24, 27). */
export const HOST_ADDRESS_REFUSED = "HOST_ADDRESS_REFUSED";
/** Code of every network failure: DNS, refused connection and timeout look alike. */
export const HOST_UNREACHABLE = "HOST_UNREACHABLE";
/** Code of a redirect Repolink would not follow (another origin, or too many). */
export const HOST_REDIRECT_REFUSED = "HOST_REDIRECT_REFUSED";

const REFUSED_MESSAGE = "Repolink refused to connect: the address is not allowed for this host.";
const UNREACHABLE_MESSAGE = "Repolink could not reach this host.";
const REDIRECT_MESSAGE = "Repolink did not follow a redirect from this host.";

// No cause is attached: causes carry resolved addresses, ports and errno codes (SECURITY 27).

/** The one error for every refused address, scheme or URL; it never says why. */
export function addressRefusedError(): UpstreamError {
  return new UpstreamError(HOST_ADDRESS_REFUSED, REFUSED_MESSAGE);
}

/** The one error for every network failure; it never says which. */
export function hostUnreachableError(): UpstreamError {
  return new UpstreamError(HOST_UNREACHABLE, UNREACHABLE_MESSAGE);
}

/** The error for a redirect that leaves its origin or exceeds the limit; it never names the target. */
export function redirectRefusedError(): UpstreamError {
  return new UpstreamError(HOST_REDIRECT_REFUSED, REDIRECT_MESSAGE);
}

/** Finds an AppError raised by Repolink itself (e.g. in the DNS lookup) in an error's cause chain. */
export function findAppError(error: unknown): AppError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth += 1) {
    if (current instanceof AppError) return current;
  }
  return undefined;
}
