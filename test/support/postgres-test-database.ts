import pg from "pg";

/** The PostgreSQL the tests use (override with REPOLINK_TEST_POSTGRES_URL). */
export const postgresTestUrl = process.env.REPOLINK_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** True when the run skips PostgreSQL tests (REPOLINK_TEST_SKIP_POSTGRES=1). */
export const skipPostgres = process.env.REPOLINK_TEST_SKIP_POSTGRES === "1";

/**
 * The `skip` option of every test that needs PostgreSQL: skipped only when REPOLINK_TEST_SKIP_POSTGRES=1
 * says so. Otherwise the test runs, and fails when PostgreSQL cannot be reached.
 */
export const postgresSkip: string | false = skipPostgres ? "REPOLINK_TEST_SKIP_POSTGRES=1" : false;

/** Why PostgreSQL cannot be reached, or undefined when it can. */
export async function postgresUnreachable(url = postgresTestUrl): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return (
      `PostgreSQL at ${url.replace(/\/\/[^@/]*@/, "//…@")} is unreachable (${reason}). Start it ` +
      "(pg_ctlcluster --skip-systemctl-redirect <version> main start) or set REPOLINK_TEST_SKIP_POSTGRES=1."
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;
const runPrefix = `repolink_test_${process.pid}_${Date.now().toString(36)}`;

/** A schema name unique to this run and call, e.g. `repolink_test_123_lx2k_4`. */
export function uniqueSchemaName(): string {
  counter += 1;
  return `${runPrefix}_${counter}`;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(schema: string, url = postgresTestUrl): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Throws, saying how to start PostgreSQL or skip its tests, when it cannot be reached. */
export async function requirePostgres(url = postgresTestUrl): Promise<void> {
  const unreachable = await postgresUnreachable(url);
  if (unreachable !== undefined) throw new Error(unreachable);
}

/**
 * Creates a fresh, empty database for one test file and returns its URL and how to drop it.
 * @throws Error when PostgreSQL cannot be reached (see `requirePostgres`)
 */
export async function createTestDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  await requirePostgres();
  const name = `repolink_${label}_${process.pid}_${Date.now()}`;
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: postgresTestUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(postgresTestUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
