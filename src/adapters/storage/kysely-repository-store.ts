import { sql, type Kysely } from "kysely";
import { ConflictError } from "../../core/errors.ts";
import type { ConnectionStatus, Repository, RepositoryCheck } from "../../core/repositories/repository.ts";
import type { StatusPoint } from "../../core/repositories/daily-statuses.ts";
import type { RepositoryFilter, RepositoryPageQuery } from "../../core/repositories/repository-page.ts";
import type { RepositoryPatch, RepositoryStore } from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { isEmpty } from "./is-empty.ts";
import { countRepositoriesByStatus, selectRepositoryPage } from "./repository-page-sql.ts";
import { repositoryCheckRows, repositoryRows } from "./repository-row.ts";
import { sortBy } from "./sort-by.ts";
import { toCount } from "./to-count.ts";
import { guardWrite } from "./storage-error.ts";

function nameTaken(name: string | undefined): ConflictError {
  return new ConflictError("REPOSITORY_NAME_TAKEN", `A repository named "${name ?? ""}" already exists.`, { field: "name" });
}

function alreadyRegistered(existing: Repository): ConflictError {
  return new ConflictError("REPOSITORY_ALREADY_REGISTERED", `${existing.url} is already registered as ${existing.name}.`, {
    field: "url",
    repository: existing.name,
  });
}

/** Repositories and their check history over Kysely (SQLite or PostgreSQL). */
export class KyselyRepositoryStore implements RepositoryStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** @throws ConflictError `REPOSITORY_ALREADY_REGISTERED`, `REPOSITORY_NAME_TAKEN` */
  async insert(repository: Repository): Promise<void> {
    let clash: ConflictError | undefined;
    try {
      await guardWrite(
        () => this.#db.insertInto("repositories").values(repositoryRows.write(repository)).execute(),
        () => (clash = nameTaken(repository.name)),
      );
    } catch (error) {
      if (error !== clash) throw error;
      // In a PostgreSQL transaction the clash ends the transaction; the registration use case looks before it writes.
      const atPath = await this.listByPath(repository.path).catch(() => []);
      const same = atPath.find((r) => r.hostName === repository.hostName);
      throw same ? alreadyRegistered(same) : error;
    }
  }

  async findById(id: string): Promise<Repository | undefined> {
    const row = await this.#db.selectFrom("repositories").selectAll().where("id", "=", id).executeTakeFirst();
    return row && repositoryRows.read(row);
  }

  async findByName(name: string): Promise<Repository | undefined> {
    const row = await this.#db.selectFrom("repositories").selectAll().where("name", "=", name).executeTakeFirst();
    return row && repositoryRows.read(row);
  }

  /** Every repository, by name. */
  async list(): Promise<Repository[]> {
    const rows = await this.#db.selectFrom("repositories").selectAll().execute();
    return sortBy(rows.map(repositoryRows.read), (r) => r.name);
  }

  /** One page, filtered, sorted and after the cursor in SQL (indexes of migration 016). */
  async listPage(query: RepositoryPageQuery): Promise<Repository[]> {
    return (await selectRepositoryPage(this.#db, query).execute()).map(repositoryRows.read);
  }

  async countByStatus(filter: RepositoryFilter): Promise<Record<ConnectionStatus, number>> {
    return countRepositoriesByStatus(this.#db, filter);
  }

  /** The repositories using a credential, by name. */
  async listByCredential(credentialId: string): Promise<Repository[]> {
    const rows = await this.#db.selectFrom("repositories").selectAll().where("credentialId", "=", credentialId).execute();
    return sortBy(rows.map(repositoryRows.read), (r) => r.name);
  }

  async countByCredential(): Promise<Map<string, number>> {
    const rows = await this.#db
      .selectFrom("repositories")
      .select(["credentialId", (eb) => eb.fn.countAll().as("count")])
      .where("credentialId", "is not", null)
      .groupBy("credentialId")
      .execute();
    return new Map(rows.map((r) => [r.credentialId ?? "", toCount(r.count)]));
  }

  /** The repositories at `path` on any host, ignoring case: one indexed read for git's credential helper. */
  async listByPath(path: string): Promise<Repository[]> {
    const rows = await this.#db
      .selectFrom("repositories")
      .selectAll()
      .where(sql<string>`lower(path)`, "=", path.toLowerCase())
      .execute();
    return sortBy(rows.map(repositoryRows.read), (r) => r.name);
  }

  /** @throws ConflictError `REPOSITORY_NAME_TAKEN` on rename clash */
  async update(id: string, patch: RepositoryPatch): Promise<void> {
    if (isEmpty(patch)) return;
    await guardWrite(
      () => this.#db.updateTable("repositories").set(repositoryRows.write(patch)).where("id", "=", id).execute(),
      () => nameTaken(patch.name),
    );
  }

  /** Deletes the repository and its check history. */
  async delete(id: string): Promise<void> {
    await guardWrite(() => this.#db.deleteFrom("repositories").where("id", "=", id).execute());
  }

  async addCheck(check: RepositoryCheck): Promise<void> {
    await guardWrite(() => this.#db.insertInto("repository_checks").values(repositoryCheckRows.write(check)).execute());
  }

  /** A repository's checks, newest first, at most `limit`. */
  async listChecks(repositoryId: string, limit: number): Promise<RepositoryCheck[]> {
    const rows = await this.#db
      .selectFrom("repository_checks")
      .selectAll()
      .where("repositoryId", "=", repositoryId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map(repositoryCheckRows.read);
  }

  /** Index `repository_checks_repository_id_at` answers both parts; ids go in chunks to stay under bind-variable limits. */
  async listStatusPoints(repositoryIds: readonly string[], since: string): Promise<StatusPoint[]> {
    const points: StatusPoint[] = [];
    for (let i = 0; i < repositoryIds.length; i += ID_CHUNK) {
      const ids = repositoryIds.slice(i, i + ID_CHUNK);
      const rows = await this.#db
        .selectFrom("repository_checks as c")
        .select(["c.repositoryId", "c.at", "c.status"])
        .where("c.repositoryId", "in", ids)
        .where((eb) =>
          eb.or([
            eb("c.at", ">=", since),
            eb(
              "c.at",
              "=",
              eb
                .selectFrom("repository_checks as p")
                .select((p) => p.fn.max("p.at").as("at"))
                .whereRef("p.repositoryId", "=", "c.repositoryId")
                .where("p.at", "<", since),
            ),
          ]),
        )
        .execute();
      points.push(...rows);
    }
    return points;
  }

  async pruneChecks(before: string): Promise<number> {
    const result = await guardWrite(() =>
      sql`DELETE FROM repository_checks WHERE at < ${before} AND EXISTS (
            SELECT 1 FROM repository_checks newer
            WHERE newer.repository_id = repository_checks.repository_id AND newer.at < ${before}
              AND (newer.at > repository_checks.at OR (newer.at = repository_checks.at AND newer.id > repository_checks.id)))`.execute(
        this.#db,
      ),
    );
    return Number(result.numAffectedRows ?? 0);
  }
}

const ID_CHUNK = 500;
