import type { OpenedSecret } from "../../core/credentials/open-credential-secret.ts";
import type { ApiAuth, GitCredentialUse } from "../../core/ports/credentials-provider.ts";
import type { GitAuth } from "../../core/ports/git-transport.ts";

type TokenSecret = Extract<OpenedSecret, { kind: "token" }>;

/** A token (or password) over HTTPS: the credential's username, else the host kind's default. */
export function tokenGitAuth(use: GitCredentialUse, secret: TokenSecret, defaultUsername: string): GitAuth {
  return { kind: "token", username: use.credential.username ?? defaultUsername, token: secret.token };
}

/** A token alone calls the API as a bearer token; with a username, as Basic (each kind's API reads what it takes). */
export function tokenApiAuth(username: string | null, secret: TokenSecret): ApiAuth {
  return username === null ? { kind: "bearer", token: secret.token } : { kind: "basic", username, password: secret.token };
}
