import { type Kysely, sql } from "kysely";

/** Creates the first version of every table: text ids and ISO-8601 text times, 0/1 booleans, JSON as text. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_expires_at").on("sessions").column("expires_at").execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_user_id").on("api_tokens").column("user_id").execute();

  await db.schema
    .createTable("credentials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.references("users.id"))
    .addColumn("host_name", "text", (c) => c.notNull())
    .addColumn("username", "text")
    .addColumn("preview", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("secret_box", "text", (c) => c.notNull())
    .addColumn("secret_version", "integer", (c) => c.notNull())
    .addColumn("kek_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("validation", "text")
    .addColumn("last_validated_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "credentials_scope_owner",
      sql`(scope = 'global' AND owner_id IS NULL) OR (scope = 'private' AND owner_id IS NOT NULL)`,
    )
    .execute();
  await db.schema
    .createIndex("credentials_global_name")
    .unique()
    .on("credentials")
    .column("name")
    .where(sql<boolean>`scope = 'global'`)
    .execute();
  await db.schema
    .createIndex("credentials_private_owner_name")
    .unique()
    .on("credentials")
    .columns(["owner_id", "name"])
    .where(sql<boolean>`scope = 'private'`)
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text")
    .addColumn("target_name", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_at").on("audit_events").column("at").execute();
  await db.schema.createIndex("audit_events_actor_id").on("audit_events").columns(["actor_id", "at"]).execute();
  await db.schema.createIndex("audit_events_target_id").on("audit_events").columns(["target_id", "at"]).execute();

  await db.schema
    .createTable("keks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("wrapped", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().check(sql`active IN (0, 1)`))
    .execute();
  // At most one active key, whatever the writers do.
  await db.schema
    .createIndex("keks_one_active")
    .unique()
    .on("keks")
    .column("active")
    .where(sql<boolean>`active = 1`)
    .execute();

  await db.schema
    .createTable("hosts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("web_url", "text", (c) => c.notNull())
    .addColumn("api_url", "text", (c) => c.notNull())
    .addColumn("graphql_url", "text", (c) => c.notNull())
    .addColumn("ca_bundle", "text")
    .addColumn("allow_private_network", "integer", (c) => c.notNull().check(sql`allow_private_network IN (0, 1)`))
    .addColumn("built_in", "integer", (c) => c.notNull().check(sql`built_in IN (0, 1)`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("repositories")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("host_name", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("repo", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("protocol", "text", (c) => c.notNull())
    .addColumn("credential_id", "text", (c) => c.references("credentials.id").onDelete("set null"))
    .addColumn("default_branch", "text")
    .addColumn("needs", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason_code", "text")
    .addColumn("message", "text")
    .addColumn("remedy", "text")
    .addColumn("last_checked_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("repositories_credential_id").on("repositories").column("credential_id").execute();

  await db.schema
    .createTable("repository_checks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("repository_id", "text", (c) => c.notNull().references("repositories.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason_code", "text")
    .addColumn("steps", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("repository_checks_repository_id_at").on("repository_checks").columns(["repository_id", "at"]).execute();
}

/** Drops every table of the first version. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = ["repository_checks", "repositories", "hosts", "keks", "audit_events", "credentials", "api_tokens", "sessions", "users"];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
