import type { Actor } from "../access/actor.ts";
import { findVisibleCredential } from "../credentials/credential-access.ts";
import type { Credential } from "../credentials/credential.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import type { Host } from "../hosts/host.ts";
import { InputError } from "../errors.ts";
import type { ReachableRepository } from "../ports/integration.ts";

const ownerPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The repositories a credential reaches on its host, with the credential and host they were asked with. */
export interface Reachable {
  credential: Credential;
  host: Host;
  found: ReachableRepository[];
}

/**
 * Asks the credential's host which repositories it reaches (every page; for a GitHub App, its installations'), of
 * one owner or all — what the import picker lists and what an import registers from.
 * @throws NotFoundError `CREDENTIAL_NOT_FOUND`; InputError `OWNER_INVALID`, `IMPORT_NEEDS_TOKEN`, `IMPORT_UNSUPPORTED`,
 * `HOST_UNKNOWN`; UpstreamError from the host
 */
export async function reachableRepositories(
  deps: CoreDeps,
  actor: Actor,
  input: { credential: string; owner?: string | undefined },
): Promise<Reachable> {
  if (input.owner !== undefined && !ownerPattern.test(input.owner))
    throw new InputError("OWNER_INVALID", "owner must be a GitHub user or organization name.", "owner");
  const credential = await findVisibleCredential(deps, actor, input.credential);
  if (credential.kind === "ssh-key")
    throw new InputError(
      "IMPORT_NEEDS_TOKEN",
      "Importing asks the host's API, which needs a token credential, not an SSH key.",
      "credential",
    );
  const host = await deps.store.hosts.findByName(credential.hostName);
  if (!host) throw new InputError("HOST_UNKNOWN", `The credential's host ${credential.hostName} is no longer registered.`, "credential");
  const integration = deps.integrations.get(host.kind);
  const listing = integration.listing;
  if (!listing)
    throw new InputError(
      "IMPORT_UNSUPPORTED",
      `${integration.label} hosts cannot list the repositories a credential reaches; register each with \`repolink repo add\`.`,
      "credential",
    );
  const secret = await openCredentialSecret(
    deps,
    actor,
    credential,
    input.owner ? `import repositories of ${input.owner}` : "import repositories",
  );
  const auth = await deps.credentials.apiAuthFor({ credential, secret, host });
  if (!auth) throw new InputError("IMPORT_NEEDS_TOKEN", "Importing needs a token credential.", "credential");
  return { credential, host, found: await listing.listReachable(host, auth, input.owner) };
}

/** Why a reachable repository is not imported for `needs`, in plain words; null when it can be. */
export function importRefusal(repository: ReachableRepository, needs: "push" | "pull"): string | null {
  if (needs === "pull") return null;
  if (repository.archived) return "archived: it is read-only, so it cannot be pushed to (import it as pull-only)";
  if (repository.permission === "pull") return "this credential may only read it, and push is needed (import it as pull-only)";
  return null;
}
