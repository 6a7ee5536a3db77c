import type { Host } from "../../core/hosts/host.ts";
import type { ApiAuth } from "../../core/ports/credentials-provider.ts";
import type { Secret } from "../../core/secret.ts";
import type { GithubApiTarget } from "./github-client.ts";

/** The API target of a host, as the GitHub client wants it. */
export function githubApiTarget(host: Host): GithubApiTarget {
  // The registry hands GitHub's code GitHub hosts only; a generic Git host has no API to call.
  if (host.kind !== "github") throw new Error(`githubApiTarget: ${host.name} is a ${host.kind} host, not GitHub.`);
  return { apiUrl: host.apiUrl, allowPrivateNetwork: host.allowPrivateNetwork, ...(host.caBundle ? { caBundle: host.caBundle } : {}) };
}

/** The token GitHub's API takes from a credential: the bearer token, or a Basic password (GitHub reads it as a token). */
export function githubToken(auth: ApiAuth): Secret {
  // An App has no token of its own: its callers mint an installation token first.
  if (auth.kind === "app") throw new Error("githubToken: a GitHub App needs an installation token for this call.");
  return auth.kind === "bearer" ? auth.token : auth.password;
}
