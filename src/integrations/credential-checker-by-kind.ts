import { notCheckedOnline, type CredentialChecker } from "../core/credentials/credential-checker.ts";
import type { IntegrationRegistry } from "../core/ports/integration.ts";

/**
 * The online credential check of each host's kind; a kind without one reports
 * `unreachable` (nothing known), and its credentials are checked with their repositories.
 */
export function credentialCheckerByKind(integrations: IntegrationRegistry): CredentialChecker {
  return {
    async check(host, payload, username) {
      const checker = integrations.get(host.kind).credentialCheck;
      if (checker) return checker.check(host, payload, username);
      return notCheckedOnline("This kind of host is checked when a repository's Git transport is checked.");
    },
  };
}
