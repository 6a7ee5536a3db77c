import type { Host } from "../../core/hosts/host.ts";
import type { ApiAuth } from "../../core/ports/credentials-provider.ts";
import type { Secret } from "../../core/secret.ts";
import type { GithubApiTarget } from "./github-client.ts";

/** The API target of a host, as the GitHub client wants it. */
export function githubApiTarget(host: Host): GithubApiTarget {
  return { apiUrl: host.apiUrl, allowPrivateNetwork: host.allowPrivateNetwork, ...(host.caBundle ? { caBundle: host.caBundle } : {}) };
}

/** The token GitHub's API takes from a credential: the bearer token, or a Basic password (GitHub reads it as a token). */
export function githubToken(auth: ApiAuth): Secret {
  return auth.kind === "bearer" ? auth.token : auth.password;
}
