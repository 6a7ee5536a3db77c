import { type Expression, type ExpressionBuilder, type Kysely, PostgresAdapter, type SelectQueryBuilder, sql, type SqlBool } from "kysely";
import type { ConnectionStatus } from "../../core/repositories/repository.ts";
import { type RepositoryFilter, type RepositoryPageQuery, statusRank } from "../../core/repositories/repository-page.ts";
import type { DatabaseSchema } from "./database-schema.ts";

type Db = Kysely<DatabaseSchema>;
type Eb = ExpressionBuilder<DatabaseSchema, "repositories">;
type Select = SelectQueryBuilder<DatabaseSchema, "repositories", object>;

/** `%`, `_` and the escape itself matched literally in LIKE (with `ESCAPE '\'`). */
const likeLiteral = (text: string): string => text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Names compared in code-point order on both databases, as sortBy does: PostgreSQL's default collation
 * would order `B` after `a`; SQLite's BINARY already compares UTF-8 bytes.
 */
function nameOf(db: Db): Expression<string> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql<string>`name COLLATE "C"` : sql<string>`name`;
}

/** Failing first (statusRank), as a SQL expression. */
const rankOf = sql<number>`CASE status ${sql.join(
  Object.entries(statusRank).map(([status, rank]) => sql`WHEN ${status} THEN ${sql.lit(rank)}`),
  sql` `,
)} ELSE 9 END`;

const checkedOf = sql<string>`COALESCE(last_checked_at, '')`;

/** The filter's conditions; none when the filter is empty. */
export function whereFilter<Q extends Select>(query: Q, filter: RepositoryFilter): Q {
  let q = query as Select;
  if (filter.text) q = q.where(sql<SqlBool>`lower(name) LIKE ${`%${likeLiteral(filter.text)}%`} ESCAPE '\\'`);
  if (filter.statuses && filter.statuses.length > 0) q = q.where("status", "in", filter.statuses);
  if (filter.credentialId !== undefined) q = q.where("credentialId", "=", filter.credentialId);
  if (filter.hostName !== undefined) q = q.where("hostName", "=", filter.hostName);
  if (filter.reasonCode !== undefined) q = q.where("reasonCode", "=", filter.reasonCode);
  if (filter.notReasonCode !== undefined) {
    const code = filter.notReasonCode;
    q = q.where((eb) => eb.or([eb("reasonCode", "is", null), eb("reasonCode", "!=", code)]));
  }
  if (filter.owner) {
    const prefix = `${likeLiteral(filter.owner)}/`;
    q = q
      .where(sql<SqlBool>`lower(path) LIKE ${`${prefix}%`} ESCAPE '\\'`)
      .where(sql<SqlBool>`lower(path) NOT LIKE ${`${prefix}%/%`} ESCAPE '\\'`);
  }
  return q as Q;
}

/** The rows of one page: filtered, ordered by the sort key then the name, after the cursor. */
export function selectRepositoryPage(db: Db, query: RepositoryPageQuery) {
  const name = nameOf(db);
  const descending = query.sort === "-name" || query.sort === "-checked";
  const key: Expression<string | number> | null =
    query.sort === "status" ? rankOf : query.sort === "checked" || query.sort === "-checked" ? checkedOf : null;
  const dir = descending ? "desc" : "asc";
  let q = whereFilter(db.selectFrom("repositories").selectAll(), query.filter);
  const after = query.after;
  if (after) {
    const beyond = descending ? sql.raw("<") : sql.raw(">");
    q = q.where((eb: Eb) =>
      key === null
        ? eb(sql`${name}`, descending ? "<" : ">", after.name)
        : eb.or([
            sql<SqlBool>`${key} ${beyond} ${after.key}`,
            eb.and([sql<SqlBool>`${key} = ${after.key}`, sql<SqlBool>`${name} ${beyond} ${after.name}`]),
          ]),
    );
  }
  if (key !== null) q = q.orderBy(key, dir);
  return q.orderBy(name, dir).limit(Math.max(0, Math.floor(query.limit)));
}

/** How many repositories the filter covers, by status (every status present, 0 when none). */
export async function countRepositoriesByStatus(db: Db, filter: RepositoryFilter): Promise<Record<ConnectionStatus, number>> {
  const rows = await whereFilter(db.selectFrom("repositories"), filter)
    .select(["status", (eb) => eb.fn.countAll<string | number>().as("count")])
    .groupBy("status")
    .execute();
  const counts: Record<ConnectionStatus, number> = { unchecked: 0, connected: 0, degraded: 0, failing: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
