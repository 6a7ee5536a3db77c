/** A Git hosting server Repolink may contact: github.com or a GitHub Enterprise Server. */
export interface Host {
  id: string;
  name: string;
  kind: "github";
  webUrl: string;
  apiUrl: string;
  graphqlUrl: string;
  caBundle: string | null;
  /** Pinned SSH host keys (known_hosts lines); SSH to this host fails without them. */
  sshKnownHosts: string | null;
  allowPrivateNetwork: boolean;
  builtIn: boolean;
  createdAt: string;
}
