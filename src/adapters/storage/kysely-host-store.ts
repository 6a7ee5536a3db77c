import type { Kysely, Selectable } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { HostStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, HostsTable } from "./database-schema.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

function toHost(row: Selectable<HostsTable>): Host {
  // A generic Git host has no API: its NOT NULL API columns hold "" (see insert).
  const api =
    row.kind === "git"
      ? { kind: row.kind, apiUrl: null, graphqlUrl: null }
      : { kind: row.kind, apiUrl: row.api_url, graphqlUrl: row.graphql_url };
  return {
    id: row.id,
    name: row.name,
    ...api,
    webUrl: row.web_url,
    caBundle: row.ca_bundle,
    sshKnownHosts: row.ssh_known_hosts,
    allowPrivateNetwork: row.allow_private_network === 1,
    builtIn: row.built_in === 1,
    createdAt: row.created_at,
  };
}

/** Git hosts over Kysely (SQLite or PostgreSQL). */
export class KyselyHostStore implements HostStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** @throws ConflictError `HOST_NAME_TAKEN` */
  async insert(host: Host): Promise<void> {
    await guardWrite(
      () =>
        this.#db
          .insertInto("hosts")
          .values({
            id: host.id,
            name: host.name,
            kind: host.kind,
            web_url: host.webUrl,
            api_url: host.apiUrl ?? "",
            graphql_url: host.graphqlUrl ?? "",
            ca_bundle: host.caBundle,
            ssh_known_hosts: host.sshKnownHosts,
            allow_private_network: host.allowPrivateNetwork ? 1 : 0,
            built_in: host.builtIn ? 1 : 0,
            created_at: host.createdAt,
          })
          .execute(),
      () => new ConflictError("HOST_NAME_TAKEN", `A host named "${host.name}" already exists.`, { field: "name" }),
    );
  }

  async findByName(name: string): Promise<Host | undefined> {
    const row = await this.#db.selectFrom("hosts").selectAll().where("name", "=", name).executeTakeFirst();
    return row && toHost(row);
  }

  /** Every host, by name. */
  async list(): Promise<Host[]> {
    const rows = await this.#db.selectFrom("hosts").selectAll().execute();
    return sortBy(rows.map(toHost), (h) => h.name);
  }

  async delete(id: string): Promise<void> {
    await guardWrite(() => this.#db.deleteFrom("hosts").where("id", "=", id).execute());
  }
}
