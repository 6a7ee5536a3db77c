import type { Kysely } from "kysely";
import type { Credential } from "../../core/credentials/credential.ts";
import { ConflictError } from "../../core/errors.ts";
import type { CredentialMetadataPatch, CredentialSecretFields, CredentialStore } from "../../core/storage/store.ts";
import { credentialRows } from "./credential-row.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { isEmpty } from "./is-empty.ts";
import { sortBy } from "./sort-by.ts";
import { guardWrite } from "./storage-error.ts";
import { toCount } from "./to-count.ts";

function nameTaken(name: string | undefined): ConflictError {
  return new ConflictError("CREDENTIAL_NAME_TAKEN", `A credential named "${name ?? ""}" already exists in this scope.`, {
    field: "name",
  });
}

/** Credentials (sealed boxes only) over Kysely (SQLite or PostgreSQL). */
export class KyselyCredentialStore implements CredentialStore {
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  /** @throws ConflictError `CREDENTIAL_NAME_TAKEN` */
  async insert(credential: Credential): Promise<void> {
    await guardWrite(
      () => this.#db.insertInto("credentials").values(credentialRows.write(credential)).execute(),
      () => nameTaken(credential.name),
    );
  }

  async findById(id: string): Promise<Credential | undefined> {
    const row = await this.#db.selectFrom("credentials").selectAll().where("id", "=", id).executeTakeFirst();
    return row && credentialRows.read(row);
  }

  /** The owner's private credential of that name if `ownerId` is given and has one, else the global one. */
  async findByName(name: string, ownerId: string | null): Promise<Credential | undefined> {
    const named = this.#db.selectFrom("credentials").selectAll().where("name", "=", name);
    if (ownerId !== null) {
      const own = await named.where("scope", "=", "private").where("ownerId", "=", ownerId).executeTakeFirst();
      if (own) return credentialRows.read(own);
    }
    const global = await named.where("scope", "=", "global").executeTakeFirst();
    return global && credentialRows.read(global);
  }

  /** Every credential, by name then scope. */
  async list(): Promise<Credential[]> {
    const rows = await this.#db.selectFrom("credentials").selectAll().execute();
    return sortBy(
      rows.map(credentialRows.read),
      (c) => c.name,
      (c) => c.scope,
      (c) => c.ownerId ?? "",
      (c) => c.id,
    );
  }

  /** Compare-and-swap on `secretVersion`; false when another writer got there first. */
  async replaceSecret(id: string, expectedVersion: number, fields: CredentialSecretFields): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("credentials")
        .set({
          secretBox: fields.secretBox,
          secretVersion: fields.secretVersion,
          kekId: fields.kekId,
          preview: fields.preview,
          fingerprint: fields.fingerprint,
          updatedAt: fields.updatedAt,
        })
        .where("id", "=", id)
        .where("secretVersion", "=", expectedVersion)
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
  }

  /** Stores a re-wrapped box if the secret is still at `secretVersion`. */
  async replaceBox(id: string, secretVersion: number, box: string, kekId: string): Promise<boolean> {
    const result = await guardWrite(() =>
      this.#db
        .updateTable("credentials")
        .set({ secretBox: box, kekId })
        .where("id", "=", id)
        .where("secretVersion", "=", secretVersion)
        .executeTakeFirst(),
    );
    return toCount(result.numUpdatedRows) === 1;
  }

  /** @throws ConflictError `CREDENTIAL_NAME_TAKEN` on rename clash */
  async updateMetadata(id: string, patch: CredentialMetadataPatch): Promise<void> {
    if (isEmpty(patch)) return;
    await guardWrite(
      () => this.#db.updateTable("credentials").set(credentialRows.write(patch)).where("id", "=", id).execute(),
      () => nameTaken(patch.name),
    );
  }

  /** Deletes the credential; repositories that used it keep a null `credentialId`. */
  async delete(id: string): Promise<void> {
    await guardWrite(() => this.#db.deleteFrom("credentials").where("id", "=", id).execute());
  }
}
