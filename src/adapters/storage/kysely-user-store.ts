import type { Kysely } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { UserStore } from "../../core/storage/store.ts";
import type { User } from "../../core/users/user.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { isEmpty } from "./is-empty.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

function usernameTaken(username: string | undefined): ConflictError {
  return new ConflictError("USERNAME_TAKEN", `The username "${username ?? ""}" is already taken.`, { field: "username" });
}

/** Users over Kysely (SQLite or PostgreSQL). */
export class KyselyUserStore implements UserStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** @throws ConflictError `USERNAME_TAKEN` */
  async insert(user: User): Promise<void> {
    await guardWrite(
      () => this.#db.insertInto("users").values(user).execute(),
      () => usernameTaken(user.username),
    );
  }

  async findById(id: string): Promise<User | undefined> {
    return this.#db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByUsername(username: string): Promise<User | undefined> {
    return this.#db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  }

  async list(): Promise<User[]> {
    return sortBy(await this.#db.selectFrom("users").selectAll().execute(), (u) => u.username);
  }

  async count(): Promise<number> {
    const row = await this.#db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<bigint | number | string>().as("count"))
      .executeTakeFirst();
    return toCount(row?.count);
  }

  async update(id: string, patch: Partial<Pick<User, "role" | "passwordHash" | "disabledAt">>): Promise<void> {
    if (isEmpty(patch)) return;
    await guardWrite(() => this.#db.updateTable("users").set(patch).where("id", "=", id).execute());
  }
}
