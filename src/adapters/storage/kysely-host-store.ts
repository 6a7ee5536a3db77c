import type { Kysely, Selectable } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { HostPatch, HostStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, HostsTable } from "./database-schema.ts";
import { isEmpty } from "./is-empty.ts";
import { flag, rowCodec } from "./row-codec.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

const columns = rowCodec<Omit<Host, "kind" | "apiUrl" | "graphqlUrl">, Omit<HostsTable, "kind" | "apiUrl" | "graphqlUrl">>({
  allowPrivateNetwork: flag,
  builtIn: flag,
});

function toHost(row: Selectable<HostsTable>): Host {
  // A generic Git host has no API: its NOT NULL API columns hold "" (see insert).
  const { kind, apiUrl, graphqlUrl, ...rest } = row;
  const api = kind === "git" ? { kind, apiUrl: null, graphqlUrl: null } : { kind, apiUrl, graphqlUrl };
  return { ...columns.read(rest), ...api };
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
          .values({ ...columns.write(host), kind: host.kind, apiUrl: host.apiUrl ?? "", graphqlUrl: host.graphqlUrl ?? "" })
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

  async update(id: string, patch: HostPatch): Promise<void> {
    if (isEmpty(patch)) return;
    const { allowPrivateNetwork, ...rest } = patch;
    const set = { ...rest, ...(allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork: flag.write(allowPrivateNetwork) }) };
    await guardWrite(() => this.#db.updateTable("hosts").set(set).where("id", "=", id).execute());
  }

  async delete(id: string): Promise<void> {
    await guardWrite(() => this.#db.deleteFrom("hosts").where("id", "=", id).execute());
  }
}
