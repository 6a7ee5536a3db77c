import type { Host } from "../hosts/host.ts";
import type { GitAuth, GitRemote } from "../ports/git-transport.ts";
import type { Repository } from "./repository.ts";

/** The remote git reaches for a repository: its clean URL, the auth, and the host's network rules. */
export function gitRemoteFor(host: Host, repository: Repository, auth: GitAuth): GitRemote {
  return {
    url: repository.url,
    auth,
    allowPrivateNetwork: host.allowPrivateNetwork,
    allowHttp: host.webUrl.startsWith("http:"),
    caBundle: host.caBundle,
  };
}
