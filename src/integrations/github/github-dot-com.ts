import type { GithubHost } from "../../core/hosts/host.ts";
import { githubSshKnownHosts } from "./github-ssh-known-hosts.ts";

/** github.com, known out of the box. */
export const githubDotCom: Omit<GithubHost, "id" | "createdAt"> = {
  name: "github.com",
  kind: "github",
  webUrl: "https://github.com",
  apiUrl: "https://api.github.com",
  graphqlUrl: "https://api.github.com/graphql",
  caBundle: null,
  sshKnownHosts: githubSshKnownHosts,
  allowPrivateNetwork: false,
  builtIn: true,
};
