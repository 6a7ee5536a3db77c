import type { Repository } from "../../src/core/repositories/repository.ts";
import { cursorAfter, type RepositoryFilter, type RepositoryPageQuery } from "../../src/core/repositories/repository-page.ts";
import { copy } from "./store-memory-state.ts";

/** Whether a repository is one the filter covers (as the SQL of repository-page-sql.ts decides). */
export function matchesFilter(r: Repository, filter: RepositoryFilter): boolean {
  const path = r.path.toLowerCase();
  const owner = filter.owner?.toLowerCase();
  return (
    (!filter.text || r.name.toLowerCase().includes(filter.text.toLowerCase())) &&
    (!filter.statuses?.length || filter.statuses.includes(r.status)) &&
    (filter.credentialId === undefined || r.credentialId === filter.credentialId) &&
    (filter.hostName === undefined || r.hostName === filter.hostName) &&
    (filter.reasonCode === undefined || r.reasonCode === filter.reasonCode) &&
    (filter.notReasonCode === undefined || r.reasonCode !== filter.notReasonCode) &&
    (!owner || (path.startsWith(`${owner}/`) && !path.slice(owner.length + 1).includes("/")))
  );
}

const compare = (a: string | number, b: string | number): number => (a === b ? 0 : a < b ? -1 : 1);

/** One page in the order asked, after the cursor: the in-memory twin of keyset paging. */
export function pageOf(all: Repository[], query: RepositoryPageQuery): Repository[] {
  const sign = query.sort.startsWith("-") ? -1 : 1;
  const order = (a: Repository, b: Repository) => {
    const x = cursorAfter(a, query.sort);
    const y = cursorAfter(b, query.sort);
    return sign * (compare(x.key, y.key) || compare(x.name, y.name));
  };
  const after = query.after;
  return all
    .filter((r) => matchesFilter(r, query.filter))
    .filter((r) => {
      if (!after) return true;
      const c = cursorAfter(r, query.sort);
      return sign * (compare(c.key, after.key) || compare(c.name, after.name)) > 0;
    })
    .sort(order)
    .slice(0, Math.max(0, Math.floor(query.limit)))
    .map((r) => copy(r));
}
