/** The Repositories page's search, filters and order, as they stand in its URL (`/repositories?status=failing`). */
export interface RepositoryListQuery {
  q: string;
  status: string;
  credential: string;
  host: string;
  owner: string;
  sort: string;
  /** A reason code, as a credential-level alert links to its repositories (`reason=TOKEN_EXPIRING`). */
  reason: string;
}

const keys = ["q", "status", "credential", "host", "owner", "sort", "reason"] as const;

/** Reads the query from a URL's search string; a field not given is "". */
export function readListQuery(search: string): RepositoryListQuery {
  const params = new URLSearchParams(search);
  return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as unknown as RepositoryListQuery;
}

/** The search string of a query: only the fields set, so the plain page stays `/repositories`. */
export function listQuerySearch(query: RepositoryListQuery): string {
  const params = new URLSearchParams();
  for (const k of keys) if (query[k]) params.set(k, query[k]);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API's query for one page of 50 (fields not set left out); the sparklines' days are asked for after the rows. */
export function apiListQuery(query: RepositoryListQuery, cursor: string | null): Record<string, string | number> {
  const out: Record<string, string | number> = { limit: 50 };
  for (const k of keys) if (query[k]) out[k] = query[k];
  if (cursor) out.cursor = cursor;
  return out;
}
