import type { Kysely } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { HostStore } from "../../core/storage/store.ts";
import type { DatabaseSchema, HostsTable } from "./database-schema.ts";
import { flag, rowCodec } from "./row-codec.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";

const hosts = rowCodec<Host, HostsTable>({ allowPrivateNetwork: flag, builtIn: flag });

/** Git hosts over Kysely (SQLite or PostgreSQL). */
export class KyselyHostStore implements HostStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** @throws ConflictError `HOST_NAME_TAKEN` */
  async insert(host: Host): Promise<void> {
    await guardWrite(
      () => this.#db.insertInto("hosts").values(hosts.write(host)).execute(),
      () => new ConflictError("HOST_NAME_TAKEN", `A host named "${host.name}" already exists.`, { field: "name" }),
    );
  }

  async findByName(name: string): Promise<Host | undefined> {
    const row = await this.#db.selectFrom("hosts").selectAll().where("name", "=", name).executeTakeFirst();
    return row && hosts.read(row);
  }

  /** Every host, by name. */
  async list(): Promise<Host[]> {
    const rows = await this.#db.selectFrom("hosts").selectAll().execute();
    return sortBy(rows.map(hosts.read), (h) => h.name);
  }

  async delete(id: string): Promise<void> {
    await guardWrite(() => this.#db.deleteFrom("hosts").where("id", "=", id).execute());
  }
}
