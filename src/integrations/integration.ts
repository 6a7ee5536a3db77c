/*
 * A host kind (GitHub, generic Git, later GitLab…) is one folder under src/integrations/
 * exporting one `Integration` (the contract is the core port src/core/ports/integration.ts,
 * re-exported here): secret formats and redaction patterns, its connection-check steps,
 * and optional capabilities (API branches, listing reachable repositories, new-token links,
 * an online credential check). main.ts builds the registry with `createIntegrationRegistry`
 * and hands it to core, which looks an integration up by `host.kind` and never imports this
 * folder. Integrations may import core and adapters. Credentials reach them already turned
 * into `ApiAuth`/`GitAuth` by the credentials provider (src/integrations/credentials/).
 */
import { InputError } from "../core/errors.ts";
import type { Integration, IntegrationRegistry } from "../core/ports/integration.ts";

export type {
  BranchListing,
  CheckedRepository,
  CheckSession,
  ClassifiedSecret,
  ConnectionChecks,
  HostBranch,
  Integration,
  IntegrationRegistry,
  NewTokenLinks,
  ReachableRepository,
  RepositoryListing,
  SecretFormats,
  SecretInput,
} from "../core/ports/integration.ts";
export type { ApiAuth, CredentialsProvider, CredentialUse, GitCredentialUse } from "../core/ports/credentials-provider.ts";

/**
 * The registry of the given integrations, keyed by their `kind`.
 * @example createIntegrationRegistry([githubIntegration, gitIntegration]).get(host.kind)
 * @throws Error when two integrations claim the same kind (a wiring mistake in main.ts)
 */
export function createIntegrationRegistry(integrations: readonly Integration[]): IntegrationRegistry {
  const byKind = new Map<string, Integration>();
  for (const integration of integrations) {
    if (byKind.has(integration.kind)) throw new Error(`createIntegrationRegistry: two integrations for host kind "${integration.kind}".`);
    byKind.set(integration.kind, integration);
  }
  const list = [...byKind.values()];
  return {
    get(kind) {
      const found = byKind.get(kind);
      if (!found) throw new InputError("HOST_KIND_UNKNOWN", `No integration serves hosts of kind "${kind.slice(0, 40)}".`, "kind");
      return found;
    },
    all: () => list,
    looksLikeToken: (value) => list.some((i) => i.secrets.looksLikeToken(value)),
  };
}
