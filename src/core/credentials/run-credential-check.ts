import type { CoreDeps } from "../deps.ts";
import { InputError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import type { Credential, CredentialSecretPayload } from "./credential.ts";
import type { CredentialCheckResult } from "./credential-checker.ts";

/**
 * Runs the online check (when a checker is configured) and refuses a secret the host
 * says is unusable. An unreachable host is not the secret's fault: it is stored unchecked.
 * @throws InputError `CREDENTIAL_CHECK_FAILED` with the problems and remedies in details
 */
export async function runCredentialCheck(
  deps: CoreDeps,
  host: Host,
  payload: CredentialSecretPayload,
  username: string | null,
): Promise<CredentialCheckResult | null> {
  if (!deps.checker) return null;
  const result = await deps.checker.check(host, payload, username);
  if (result.status === "invalid") {
    const first = result.problems.find((p) => p.severity === "error");
    throw new InputError("CREDENTIAL_CHECK_FAILED", `${host.name} refused this secret: ${first?.message ?? "it is not usable"}`, "secret", {
      problems: result.problems,
    });
  }
  return result;
}

/** The credential fields a check result sets. */
export function applyCheckResult(
  result: CredentialCheckResult,
  now: string,
): Pick<Credential, "status" | "validation" | "lastValidatedAt" | "expiresAt"> {
  return {
    status: result.status === "unreachable" ? "unchecked" : result.status,
    validation: { login: result.login, scopes: result.scopes, problems: result.problems, ...result.facts },
    lastValidatedAt: now,
    expiresAt: result.expiresAt,
  };
}
