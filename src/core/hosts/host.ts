/** A Git hosting server Repolink may contact: github.com or a GitHub Enterprise Server. */
export interface Host {
  id: string;
  name: string;
  kind: "github";
  webUrl: string;
  apiUrl: string;
  graphqlUrl: string;
  caBundle: string | null;
  allowPrivateNetwork: boolean;
  builtIn: boolean;
  createdAt: string;
}
