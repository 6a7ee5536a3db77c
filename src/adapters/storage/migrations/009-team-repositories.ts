import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";

type Row = {
  id: string;
  name: string;
  hostName: string;
  path: string;
  url: string;
  credentialId: string | null;
  createdBy: string;
  createdAt: string;
  scope: string | null;
  ownerId: string | null;
  credentialName: string | null;
};

async function audit(db: Kysely<unknown>, action: string, target: { type: string; id: string; name: string }, detail: object) {
  await sql`INSERT INTO audit_events (id, at, actor_id, actor_name, action, target_type, target_id, target_name, outcome, detail)
    VALUES (${randomUUID()}, ${new Date().toISOString()}, NULL, 'migration 009', ${action}, ${target.type}, ${target.id},
      ${target.name}, 'success', ${JSON.stringify(detail)})`.execute(db);
}

/** Which registration of a repository stays: the first with a global credential, else the first with one, else the first. */
function keeperOf(group: Row[]): Row {
  return group.find((r) => r.scope === "global") ?? group.find((r) => r.credentialId !== null) ?? (group[0] as Row);
}

/**
 * Merges the registrations of one repository (host and path, ignoring case) into one team record; a merged
 * registration that used someone's private credential becomes that person's mapping, so their pipelines keep it.
 */
async function mergeDuplicates(db: Kysely<unknown>, rows: Row[]): Promise<void> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.hostName}\n${row.path.toLowerCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const keep = keeperOf(group);
    const merged: object[] = [];
    const mapped = new Set<string>();
    for (const other of group) {
      if (other.id === keep.id) continue;
      let mappedFor: string | null = null;
      if (other.scope === "private" && other.ownerId && other.credentialId !== keep.credentialId && !mapped.has(other.ownerId)) {
        mapped.add(other.ownerId);
        mappedFor = other.ownerId;
        await sql`INSERT INTO repository_mappings (repository_id, user_id, credential_id, created_at)
          VALUES (${keep.id}, ${other.ownerId}, ${other.credentialId}, ${new Date().toISOString()})`.execute(db);
      }
      await sql`DELETE FROM repository_checks WHERE repository_id = ${other.id}`.execute(db);
      await sql`DELETE FROM repositories WHERE id = ${other.id}`.execute(db);
      merged.push({
        id: other.id,
        name: other.name,
        url: other.url,
        credential: other.credentialName,
        createdBy: other.createdBy,
        mappedFor,
      });
    }
    await audit(db, "repository.merge", { type: "repository", id: keep.id, name: keep.name }, { kept: keep.id, url: keep.url, merged });
  }
}

/** Gives every repository its derived name: its path, or `HOST:PATH` when an earlier registration on another host holds the path. */
async function deriveNames(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<Row>`SELECT id, name, host_name AS "hostName", path, created_at AS "createdAt" FROM repositories
    ORDER BY created_at, id`.execute(db);
  const taken = new Set<string>();
  const renames: { id: string; from: string; to: string }[] = [];
  for (const row of rows) {
    const bare = row.path.toLowerCase();
    const name = taken.has(bare) ? `${row.hostName}:${row.path}` : row.path;
    taken.add(bare);
    if (name !== row.name) renames.push({ id: row.id, from: row.name, to: name });
  }
  // Two steps, so a name freed by one rename can be taken by another without a unique clash.
  for (const r of renames) await sql`UPDATE repositories SET name = ${`~009~${r.id}`} WHERE id = ${r.id}`.execute(db);
  for (const r of renames) {
    await sql`UPDATE repositories SET name = ${r.to} WHERE id = ${r.id}`.execute(db);
    await audit(
      db,
      "repository.rename",
      { type: "repository", id: r.id, name: r.to },
      { from: r.from, to: r.to, why: "derived from the path" },
    );
  }
}

/** Renames each private credential named like a global one (it shadowed the global one for its owner). */
async function unshadowCredentials(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; name: string; ownerId: string }>`SELECT p.id, p.name, p.owner_id AS "ownerId"
    FROM credentials p JOIN credentials g ON g.name = p.name AND g.scope = 'global' WHERE p.scope = 'private' ORDER BY p.id`.execute(db);
  for (const row of rows) {
    const { rows: names } = await sql<{ name: string }>`SELECT name FROM credentials
      WHERE scope = 'global' OR owner_id = ${row.ownerId}`.execute(db);
    const used = new Set(names.map((n) => n.name));
    let to = `${row.name.slice(0, 56)}-private`;
    for (let n = 2; used.has(to); n++) to = `${row.name.slice(0, 54)}-private${n}`;
    await sql`UPDATE credentials SET name = ${to} WHERE id = ${row.id}`.execute(db);
    await audit(
      db,
      "credential.rename",
      { type: "credential", id: row.id, name: to },
      { from: row.name, to, why: "shadowed a global credential" },
    );
  }
}

/**
 * Repositories become team records (one per host and path, named after the path), with per-member mappings and
 * URL-prefix templates deciding credentials; API tokens carry a grant (repositories, access, expiry). Every merge
 * and rename is reported in the audit log (`repolink audit list`: `repository.merge`, `repository.rename`,
 * `credential.rename`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("repository_mappings")
    .addColumn("repository_id", "text", (c) => c.notNull().references("repositories.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("credential_id", "text", (c) => c.notNull().references("credentials.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("repository_mappings_pk", ["repository_id", "user_id"])
    .execute();
  await db.schema.createIndex("repository_mappings_credential_id").on("repository_mappings").column("credential_id").execute();
  await db.schema
    .createTable("credential_url_prefixes")
    .addColumn("credential_id", "text", (c) => c.notNull().references("credentials.id").onDelete("cascade"))
    .addColumn("prefix", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("credential_url_prefixes_pk", ["credential_id", "prefix"])
    .execute();
  await db.schema.createIndex("credential_url_prefixes_prefix").on("credential_url_prefixes").column("prefix").execute();
  await db.schema.alterTable("api_tokens").addColumn("repos", "text").execute();
  await db.schema
    .alterTable("api_tokens")
    .addColumn("access", "text", (c) => c.notNull().defaultTo("push"))
    .execute();
  await db.schema.alterTable("api_tokens").addColumn("expires_at", "text").execute();

  const { rows } = await sql<Row>`SELECT r.id, r.name, r.host_name AS "hostName", r.path, r.url, r.credential_id AS "credentialId",
      r.created_by AS "createdBy", r.created_at AS "createdAt", c.scope, c.owner_id AS "ownerId", c.name AS "credentialName"
    FROM repositories r LEFT JOIN credentials c ON c.id = r.credential_id ORDER BY r.created_at, r.id`.execute(db);
  await mergeDuplicates(db, rows);
  await deriveNames(db);
  await unshadowCredentials(db);
  await sql`CREATE UNIQUE INDEX repositories_host_path ON repositories (host_name, lower(path))`.execute(db);
}

/** Drops the grant columns, templates and mappings; merged registrations stay merged. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("repositories_host_path").execute();
  await db.schema.alterTable("api_tokens").dropColumn("expires_at").execute();
  await db.schema.alterTable("api_tokens").dropColumn("access").execute();
  await db.schema.alterTable("api_tokens").dropColumn("repos").execute();
  await db.schema.dropTable("credential_url_prefixes").execute();
  await db.schema.dropTable("repository_mappings").execute();
}
