import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import { knownMigrations, migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { openPostgresDatabase } from "../../src/adapters/storage/open-postgres-database.ts";
import { dropSchema, postgresSkip, postgresTestUrl, uniqueSchemaName } from "../support/postgres-test-database.ts";

/** Creates and drops schemas with tables as fast as it can until `stop()`: what other tests or applications do. */
function churnSchemas(connections: number): { stop: () => Promise<void> } {
  let stopping = false;
  const churners = Array.from({ length: connections }, async () => {
    const client = new pg.Client({ connectionString: postgresTestUrl });
    await client.connect();
    try {
      while (!stopping) {
        const schema = uniqueSchemaName();
        await client.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".t (id serial PRIMARY KEY, name text)`);
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      }
    } finally {
      await client.end();
    }
  });
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(churners);
    },
  };
}

describe("migrations on a PostgreSQL shared with others", { skip: postgresSkip }, () => {
  it("succeed while other schemas are created and dropped at the same moment", async () => {
    const churn = churnSchemas(2);
    const failures: string[] = [];
    try {
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const schema = uniqueSchemaName();
        const db = openPostgresDatabase(postgresTestUrl, { schema });
        try {
          assert.deepEqual(await migrateToLatest(db), [...knownMigrations]);
          assert.deepEqual(await migrateToLatest(db), [], "a second run finds nothing to do");
        } catch (error) {
          failures.push(`${schema}: ${error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error)}`);
        } finally {
          await db.destroy();
          await dropSchema(schema);
        }
      }
    } finally {
      await churn.stop();
    }
    assert.deepEqual(failures, []);
  });
});
