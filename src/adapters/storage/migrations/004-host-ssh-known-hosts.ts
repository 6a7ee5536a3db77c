import { type Kysely, sql } from "kysely";
import { githubSshKnownHosts } from "../../../integrations/github/github-ssh-known-hosts.ts";

/** Adds pinned SSH host keys to hosts, and pins GitHub's published keys for github.com. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("hosts").addColumn("ssh_known_hosts", "text").execute();
  await sql`UPDATE hosts SET ssh_known_hosts = ${githubSshKnownHosts} WHERE name = 'github.com' AND built_in = 1`.execute(db);
}

/** Drops the column again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("hosts").dropColumn("ssh_known_hosts").execute();
}
