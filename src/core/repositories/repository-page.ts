import type { RepositorySort } from "../../shared/repository-sorts.ts";
import type { ConnectionStatus } from "./repository.ts";

export type { RepositorySort };

/** Which repositories a list or a bulk action covers; every field narrows it. */
export interface RepositoryFilter {
  /** Part of the name, ignoring case. */
  text?: string;
  statuses?: ConnectionStatus[];
  credentialId?: string;
  hostName?: string;
  /** The namespace (on GitHub, the owner), ignoring case. */
  owner?: string;
  /** Only repositories whose last check gave this reason code. */
  reasonCode?: string;
  /** Every repository except those whose last check gave this reason code (a credential-level alert covers them). */
  notReasonCode?: string;
}

/** Where the previous page ended: its last row's sort key and name (names are unique). */
export interface RepositoryCursor {
  key: string | number;
  name: string;
}

/** One page of a repository list, read by keyset: the rows after `after` in `sort` order. */
export interface RepositoryPageQuery {
  filter: RepositoryFilter;
  sort: RepositorySort;
  after?: RepositoryCursor;
  limit: number;
}

/** Failing first: the order `sort=status` lists in, and the key its cursor holds. */
export const statusRank: Record<ConnectionStatus, number> = { failing: 0, degraded: 1, unchecked: 2, connected: 3 };

/** The cursor after a row, for a given order. */
export function cursorAfter(
  row: { name: string; status: ConnectionStatus; lastCheckedAt: string | null },
  sort: RepositorySort,
): RepositoryCursor {
  if (sort === "status") return { key: statusRank[row.status], name: row.name };
  if (sort === "checked" || sort === "-checked") return { key: row.lastCheckedAt ?? "", name: row.name };
  return { key: row.name, name: row.name };
}
