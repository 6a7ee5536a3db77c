import { type DatabaseIntrospector, type Kysely, PostgresDialect, type PostgresPool } from "kysely";
import pg from "pg";
import { InputError } from "../../core/errors.ts";
import { createDatabase } from "./create-database.ts";
import { CurrentSchemaIntrospector } from "./current-schema-introspector.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { unavailableAwarePool } from "./unavailable-aware-pool.ts";

/** Options of openPostgresDatabase. */
export interface PostgresDatabaseOptions {
  /** Schema to create if missing and put first on every connection's search_path (tests use one each). */
  schema?: string;
  /** Told when a pooled connection fails, idle or in use (e.g. the server restarted); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pooled PostgreSQL database; connects lazily on the first query.
 * @throws InputError `DATABASE_SCHEMA_INVALID` when the schema is not a plain lower-case identifier.
 */
export function openPostgresDatabase(url: string, options: PostgresDatabaseOptions = {}): Kysely<DatabaseSchema> {
  const { schema, onIdleError = () => {} } = options;
  if (schema !== undefined && !schemaPattern.test(schema)) {
    throw new InputError("DATABASE_SCHEMA_INVALID", "openPostgresDatabase: schema must match [a-z_][a-z0-9_]*.", "schema");
  }
  const pool = async (): Promise<PostgresPool> => {
    const created = new pg.Pool(
      schema === undefined ? { connectionString: url } : { connectionString: url, options: `-c search_path=${schema}` },
    );
    // Without a listener, a connection's 'error' event crashes the process: the pool listens on
    // idle clients, and every client gets its own listener for the time it is checked out.
    created.on("error", onIdleError);
    created.on("connect", (client) => client.on("error", onIdleError));
    if (schema !== undefined) {
      try {
        await created.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } catch (error) {
        await created.end();
        throw error;
      }
    }
    return unavailableAwarePool(created);
  };
  return createDatabase(new CurrentSchemaPostgresDialect({ pool }));
}

/** PostgreSQL whose introspection (used by the migrator) sees only the current schema. */
class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
