import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { InputError } from "../errors.ts";
import { findVisibleCredential } from "./credential-access.ts";
import type { Credential } from "./credential.ts";
import type { CredentialCheckResult } from "./credential-checker.ts";
import { openPayload } from "./open-credential-secret.ts";
import { applyCheckResult } from "./run-credential-check.ts";

/**
 * Checks a stored credential online now and records the result on it.
 * @throws NotFoundError `CREDENTIAL_NOT_FOUND`; InputError `CHECKER_UNAVAILABLE`
 */
export async function validateCredential(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
): Promise<{ credential: Credential; result: CredentialCheckResult }> {
  const credential = await findVisibleCredential(deps, actor, ref);
  const host = await deps.store.hosts.findByName(credential.hostName);
  if (!deps.checker || !host) {
    throw new InputError("CHECKER_UNAVAILABLE", `Credentials for ${credential.hostName} cannot be checked online.`, "credential");
  }
  const result = await deps.checker.check(host, await openPayload(deps, credential), credential.username);
  const now = deps.now().toISOString();
  const rateLimit = result.facts.rateLimit as { remaining?: number } | null | undefined;
  if (typeof rateLimit?.remaining === "number") deps.metrics?.setRateLimitRemaining(credential.name, rateLimit.remaining);
  await deps.store.credentials.updateMetadata(credential.id, applyCheckResult(result, now));
  await recordAudit(deps, actor, {
    action: "credential.validate",
    targetType: "credential",
    targetId: credential.id,
    targetName: credential.name,
    outcome: result.status === "invalid" ? "failure" : "success",
    detail: { status: result.status, problems: result.problems.map((p) => p.code) },
  });
  return { credential: { ...credential, ...applyCheckResult(result, now) }, result };
}
