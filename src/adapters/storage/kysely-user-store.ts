import type { Kysely, Selectable } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { UserStore } from "../../core/storage/store.ts";
import type { User } from "../../core/users/user.ts";
import type { DatabaseSchema, UsersTable } from "./database-schema.ts";
import { patchToColumns } from "./patch-to-columns.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

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
      () =>
        this.#db
          .insertInto("users")
          .values({
            id: user.id,
            username: user.username,
            role: user.role,
            password_hash: user.passwordHash,
            created_at: user.createdAt,
            disabled_at: user.disabledAt,
          })
          .execute(),
      () => usernameTaken(user.username),
    );
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.#db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toUser(row);
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const row = await this.#db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
    return row && toUser(row);
  }

  async list(): Promise<User[]> {
    const rows = await this.#db.selectFrom("users").selectAll().execute();
    return sortBy(rows.map(toUser), (u) => u.username);
  }

  async count(): Promise<number> {
    const row = await this.#db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<bigint | number | string>().as("count"))
      .executeTakeFirst();
    return toCount(row?.count);
  }

  async update(id: string, patch: Partial<Pick<User, "role" | "passwordHash" | "disabledAt">>): Promise<void> {
    const columns = patchToColumns<typeof patch, UsersTable>(patch, {
      role: "role",
      passwordHash: "password_hash",
      disabledAt: "disabled_at",
    });
    if (Object.keys(columns).length === 0) return;
    await guardWrite(() => this.#db.updateTable("users").set(columns).where("id", "=", id).execute());
  }
}
