import { type Kysely, sql } from "kysely";

/** Indexes repositories by owner and name ignoring case: git's credential helper looks them up on every git operation. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX repositories_owner_repo ON repositories (lower(owner), lower(repo))`.execute(db);
}

/** Drops the index again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("repositories_owner_repo").execute();
}
