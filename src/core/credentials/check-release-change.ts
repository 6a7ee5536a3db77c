import type { Actor } from "../access/actor.ts";
import { AuthError, InputError } from "../errors.ts";
import type { CredentialRelease } from "./credential.ts";

const releases: readonly CredentialRelease[] = ["helper", "gateway-only"];

/**
 * Checks a requested `release`: a known value, set by an admin (it decides whether pipelines
 * ever see the secret). Undefined when none was asked for.
 * @throws InputError `INPUT_INVALID`; AuthError `FORBIDDEN`
 */
export function checkReleaseChange(actor: Actor, release: CredentialRelease | undefined): CredentialRelease | undefined {
  if (release === undefined) return undefined;
  if (!releases.includes(release)) throw new InputError("INPUT_INVALID", "release must be helper or gateway-only.", "release");
  if (actor.role !== "admin" && actor.role !== "system")
    throw new AuthError("forbidden", "FORBIDDEN", "Only an admin may set where a credential's secret may go (release).");
  return release;
}
