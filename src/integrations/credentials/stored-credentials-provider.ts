import { InputError } from "../../core/errors.ts";
import type { OpenedSecret } from "../../core/credentials/open-credential-secret.ts";
import type { ApiAuth, CredentialsProvider, CredentialUse, GitCredentialUse } from "../../core/ports/credentials-provider.ts";
import type { GitAuth } from "../../core/ports/git-transport.ts";
import type { IntegrationRegistry } from "../../core/ports/integration.ts";
import { sshKeyGitAuth } from "./ssh-key-credentials.ts";
import { tokenApiAuth, tokenGitAuth } from "./token-credentials.ts";

const what = (kind: OpenedSecret["kind"]) => (kind === "token" ? "a token" : "an SSH key");

/**
 * The credentials provider for secrets stored in Repolink (tokens and SSH keys): what git
 * and the host's API send for them. A new credential kind (a GitHub App minting
 * installation tokens) is one more provider beside this one.
 */
export class StoredCredentialsProvider implements CredentialsProvider {
  readonly #integrations: IntegrationRegistry;

  constructor(integrations: IntegrationRegistry) {
    this.#integrations = integrations;
  }

  /** @throws InputError `CREDENTIAL_KIND_MISMATCH` when the URL's protocol needs the other kind of secret */
  async gitAuthFor(use: GitCredentialUse): Promise<GitAuth> {
    const protocol = use.protocol;
    const wants = protocol === "https" ? "token" : "ssh-key";
    if (use.secret.kind !== wants) {
      throw new InputError(
        "CREDENTIAL_KIND_MISMATCH",
        `The credential "${use.credential.name}" holds ${what(use.secret.kind)}, ` +
          `but this repository's ${protocol.toUpperCase()} URL needs ${what(wants)}.`,
        "credential",
      );
    }
    if (use.secret.kind === "ssh-key") return sshKeyGitAuth(use, use.secret);
    const defaultUsername = this.#integrations.get(use.host.kind).defaultGitUsername;
    if (use.credential.username === null && defaultUsername === null) {
      throw new InputError(
        "USERNAME_REQUIRED",
        `The credential "${use.credential.name}" needs a username for ${use.host.name}.`,
        "username",
      );
    }
    return tokenGitAuth(use, use.secret, defaultUsername ?? "");
  }

  async apiAuthFor(use: CredentialUse): Promise<ApiAuth | null> {
    return use.secret.kind === "token" ? tokenApiAuth(use.credential.username, use.secret) : null;
  }
}
