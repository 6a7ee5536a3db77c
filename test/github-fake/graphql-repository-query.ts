/** One aliased `repository(owner:, name:)` field of a query, its arguments resolved. */
export interface RepositoryLookup {
  alias: string;
  owner: string;
  name: string;
  /** The fields selected on it, e.g. `viewerPermission`, `defaultBranchRef`. */
  fields: string[];
}

/** What the fake understands of a GraphQL query: repository lookups, `viewer` and the `rateLimit` object. */
export interface ParsedQuery {
  lookups: RepositoryLookup[];
  /** The fields selected on `viewer`, or null when the query does not ask who the token is. */
  viewer: string[] | null;
  rateLimit: string[] | null;
}

const LOOKUP =
  /(\w+)\s*:\s*repository\s*\(\s*owner\s*:\s*(\$\w+|"[^"]*")\s*,\s*name\s*:\s*(\$\w+|"[^"]*")\s*\)\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;
const RATE_LIMIT = /\brateLimit\s*\{([^{}]*)\}/;
const VIEWER = /\bviewer\s*\{([^{}]*)\}/;

function argument(raw: string, variables: Record<string, unknown>): string {
  if (raw.startsWith('"')) return raw.slice(1, -1);
  const value = variables[raw.slice(1)];
  if (typeof value !== "string") throw new Error(`Variable ${raw} was not given a String value.`);
  return value;
}

const fieldNames = (selection: string): string[] =>
  selection
    .replace(/\{[^{}]*\}/g, " ")
    .split(/[\s,]+/)
    .filter(Boolean);

/**
 * Reads the subset of GraphQL the health cycle sends:
 * `query(...) { rN: repository(owner: $oN, name: $nN) { … } viewer { … } rateLimit { … } }`.
 * @throws Error with GitHub-like wording when the query holds anything else.
 */
export function parseRepositoryQuery(query: string, variables: Record<string, unknown>): ParsedQuery {
  const body = /^\s*query\b[^{]*\{([\s\S]*)\}\s*$/.exec(query)?.[1];
  if (body === undefined) throw new Error("Parse error: the GitHub fake only serves `query { … }` documents.");
  const lookups: RepositoryLookup[] = [];
  for (const match of body.matchAll(LOOKUP)) {
    const [, alias = "", owner = "", name = "", selection = ""] = match;
    lookups.push({ alias, owner: argument(owner, variables), name: argument(name, variables), fields: fieldNames(selection) });
  }
  const rateLimitMatch = RATE_LIMIT.exec(body);
  const viewerMatch = VIEWER.exec(body);
  const rest = body.replace(LOOKUP, "").replace(RATE_LIMIT, "").replace(VIEWER, "").trim();
  if (rest !== "") throw new Error(`Field selection not supported by the GitHub fake: ${rest.slice(0, 60)}`);
  return {
    lookups,
    viewer: viewerMatch ? fieldNames(viewerMatch[1] ?? "") : null,
    rateLimit: rateLimitMatch ? fieldNames(rateLimitMatch[1] ?? "") : null,
  };
}
