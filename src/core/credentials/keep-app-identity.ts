import type { CoreDeps } from "../deps.ts";
import type { SecretInput } from "../ports/integration.ts";
import type { Credential } from "./credential.ts";
import { openPayload } from "./open-credential-secret.ts";

/**
 * A GitHub App's new key keeps the stored App ID, and the installation ID unless one is given:
 * a key rotation changes only the key. Other secrets pass through.
 */
export async function keepAppIdentity(deps: CoreDeps, current: Credential, input: SecretInput): Promise<SecretInput> {
  if (input.kind !== "github-app" || (input.appId !== null && input.installationId !== undefined)) return input;
  const stored = await openPayload(deps, current);
  if (stored.kind !== "github-app") return input;
  return {
    ...input,
    appId: input.appId ?? stored.appId,
    installationId: input.installationId === undefined ? stored.installationId : input.installationId,
  };
}
