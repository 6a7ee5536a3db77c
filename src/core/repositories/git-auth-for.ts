import type { Credential } from "../credentials/credential.ts";
import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { GitAuth } from "../ports/git-transport.ts";

/**
 * How git authenticates with an opened credential: a token over HTTPS (username = the
 * credential's username, else `x-access-token`), or the SSH key.
 */
export function gitAuthFor(credential: Credential, secret: OpenedSecret, knownHosts: string | null): GitAuth {
  if (secret.kind === "token") return { kind: "token", username: credential.username ?? "x-access-token", token: secret.token };
  // The host's pinned keys only: an unknown or changed host key fails (SECURITY 21).
  return { kind: "ssh-key", privateKey: secret.privateKey, passphrase: secret.passphrase, knownHosts: knownHosts ?? "" };
}
