import type { OpenedSecret } from "../../core/credentials/open-credential-secret.ts";
import type { GitCredentialUse } from "../../core/ports/credentials-provider.ts";
import type { GitAuth } from "../../core/ports/git-transport.ts";

type SshKeySecret = Extract<OpenedSecret, { kind: "ssh-key" }>;

/** An SSH key, checked against the host's pinned keys only: an unknown or changed host key fails (SECURITY 21). */
export function sshKeyGitAuth(use: GitCredentialUse, secret: SshKeySecret): GitAuth {
  return { kind: "ssh-key", privateKey: secret.privateKey, passphrase: secret.passphrase, knownHosts: use.host.sshKnownHosts ?? "" };
}
