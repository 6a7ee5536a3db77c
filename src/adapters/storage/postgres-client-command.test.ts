import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { postgresClientCommand } from "./postgres-client-command.ts";

describe("postgresClientCommand", () => {
  it("prints pg_dump and pg_restore for the database without its password", () => {
    const url = "postgres://repolink:s3cret-pass@db.internal:5433/repolink?sslmode=require";
    const dump = postgresClientCommand("pg_dump", url, "/backups/it's.dump");
    assert.equal(
      dump,
      "pg_dump --format=custom --file='/backups/it'\\''s.dump' " +
        "--dbname='postgres://db.internal:5433/repolink?sslmode=require' --username='repolink'",
    );
    const restore = postgresClientCommand("pg_restore", url, "/backups/a.dump");
    assert.equal(
      restore,
      "pg_restore --clean --if-exists --no-owner --dbname='postgres://db.internal:5433/repolink?sslmode=require' " +
        "--username='repolink' '/backups/a.dump'",
    );
    assert.doesNotMatch(dump + restore, /s3cret/);
  });
});
