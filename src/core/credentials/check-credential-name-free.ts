import { ConflictError } from "../errors.ts";
import type { Store } from "../storage/store.ts";
import type { Credential } from "./credential.ts";

/**
 * Keeps credential names unique across the names any one person can see: a private credential may not take a global
 * credential's name (it would shadow it for its owner), nor a global one a private credential's. Global names and
 * each owner's private names are also unique in the database.
 * @throws ConflictError `CREDENTIAL_NAME_TAKEN` (field `name`)
 */
export async function checkCredentialNameFree(
  store: Store,
  credential: Pick<Credential, "id" | "name" | "scope" | "ownerId">,
): Promise<void> {
  const clash = (await store.credentials.list()).find(
    (c) =>
      c.id !== credential.id &&
      c.name === credential.name &&
      (credential.scope === "global" || c.scope === "global" || c.ownerId === credential.ownerId),
  );
  if (!clash) return;
  const why =
    clash.scope === "global"
      ? "a global credential has this name"
      : credential.scope === "global"
        ? "a private credential already has this name"
        : "you already have a credential of this name";
  throw new ConflictError("CREDENTIAL_NAME_TAKEN", `The name "${credential.name}" is taken: ${why}; choose another.`, { field: "name" });
}
