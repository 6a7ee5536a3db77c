import type { CoreDeps } from "../deps.ts";
import type { Host } from "./host.ts";

/** Who depends on a host: the credentials bound to it and the repositories registered on it. */
export interface HostUsers {
  /** Global credentials by name; other people's private credentials are only counted (they stay private). */
  credentials: string[];
  privateCredentials: number;
  repositories: string[];
  repositoryCount: number;
}

const SHOWN = 10;

/** The credentials and repositories that use a host (at most 10 repository names; the count is whole). */
export async function hostUsers(deps: Pick<CoreDeps, "store">, host: Host): Promise<HostUsers> {
  const bound = (await deps.store.credentials.list()).filter((c) => c.hostName === host.name);
  const counts = await deps.store.repositories.countByStatus({ hostName: host.name });
  const repositoryCount = Object.values(counts).reduce((a, b) => a + b, 0);
  const page =
    repositoryCount === 0 ? [] : await deps.store.repositories.listPage({ filter: { hostName: host.name }, sort: "name", limit: SHOWN });
  return {
    credentials: bound.filter((c) => c.scope === "global").map((c) => c.name),
    privateCredentials: bound.filter((c) => c.scope !== "global").length,
    repositories: page.map((r) => r.name),
    repositoryCount,
  };
}

/** "credentials a, b and 2 private ones; 12 repositories: x/y, …" for a refusal. */
export function describeHostUsers(users: HostUsers): string {
  const parts: string[] = [];
  const credentials = [...users.credentials, ...(users.privateCredentials > 0 ? [`${users.privateCredentials} private`] : [])];
  if (credentials.length > 0) parts.push(`credentials ${credentials.join(", ")}`);
  if (users.repositoryCount > 0) {
    const more = users.repositoryCount > users.repositories.length ? ", …" : "";
    parts.push(`${users.repositoryCount} repositor${users.repositoryCount === 1 ? "y" : "ies"} (${users.repositories.join(", ")}${more})`);
  }
  return parts.join(" and ");
}
