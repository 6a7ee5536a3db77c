/** The orders a repository list can be read in: by name, by status (failing first), by last check; `-` reverses one. */
export const repositorySorts = ["name", "-name", "status", "checked", "-checked"] as const;

/** An order of a repository list. */
export type RepositorySort = (typeof repositorySorts)[number];
