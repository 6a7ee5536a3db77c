/** What every host has, whatever its kind. */
interface HostFields {
  id: string;
  name: string;
  webUrl: string;
  caBundle: string | null;
  /** Pinned SSH host keys (known_hosts lines); SSH to this host fails without them. */
  sshKnownHosts: string | null;
  allowPrivateNetwork: boolean;
  builtIn: boolean;
  createdAt: string;
}

/** github.com or a GitHub Enterprise Server: Git plus GitHub's REST and GraphQL APIs. */
export interface GithubHost extends HostFields {
  kind: "github";
  apiUrl: string;
  graphqlUrl: string;
}

/** Any other Git server (Gitea, Bitbucket Data Center, a plain `git http-backend`): Git over HTTPS or SSH, no API. */
export interface GitHost extends HostFields {
  kind: "git";
  apiUrl: null;
  graphqlUrl: null;
}

/** A Git hosting server Repolink may contact; `kind` names the integration that serves it. */
export type Host = GithubHost | GitHost;

/** A host as an integration declares it built in, before it is stored. */
export type BuiltInHost = Omit<GithubHost, "id" | "createdAt"> | Omit<GitHost, "id" | "createdAt">;

/** The host kinds, `github` first: the default. */
export const hostKinds = ["github", "git"] as const satisfies readonly Host["kind"][];
