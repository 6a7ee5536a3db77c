/**
 * Splits a repository path into its namespace (every segment but the last; "" for a
 * top-level repository) and its last segment: on GitHub, the owner and the name.
 * @example splitRepositoryPath("group/sub/project") // { owner: "group/sub", repo: "project" }
 */
export function splitRepositoryPath(path: string): { owner: string; repo: string } {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? { owner: "", repo: path } : { owner: path.slice(0, slash), repo: path.slice(slash + 1) };
}

/**
 * How a repository is named on its host and across hosts: `HOST:PATH` (`plain:acme/web`),
 * which always names one repository.
 */
export function hostPathOf(repository: { hostName: string; path: string }): string {
  return `${repository.hostName}:${repository.path}`;
}
