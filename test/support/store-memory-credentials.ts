import type { Credential } from "../../src/core/credentials/credential.ts";
import { ConflictError, NotFoundError } from "../../src/core/errors.ts";
import type { CredentialStore, KekStore } from "../../src/core/storage/store.ts";
import { applyPatch, copy, insertNew, type MemoryState, requireRow, sortCopies, storageFailed } from "./store-memory-state.ts";

function assertNameFree(state: MemoryState, candidate: Credential): void {
  const clash = [...state.credentials.values()].some(
    (c) =>
      c.id !== candidate.id &&
      c.name === candidate.name &&
      c.scope === candidate.scope &&
      (candidate.scope === "global" || c.ownerId === candidate.ownerId),
  );
  if (clash) {
    throw new ConflictError("CREDENTIAL_NAME_TAKEN", `A credential named "${candidate.name}" already exists in this scope.`, {
      field: "name",
    });
  }
}

/** In-memory credentials, with the same scope rules and compare-and-swap as the database. */
export function memoryCredentialStore(state: MemoryState): CredentialStore {
  return {
    async insert(credential) {
      if ((credential.scope === "private") !== (credential.ownerId !== null)) {
        throw storageFailed('check constraint "credentials_scope_owner"');
      }
      requireRow(state.users, credential.ownerId, "user");
      assertNameFree(state, credential);
      insertNew(state.credentials, credential.id, credential);
    },
    async findById(id) {
      return copy(state.credentials.get(id));
    },
    async findByName(name, ownerId) {
      const all = [...state.credentials.values()].filter((c) => c.name === name);
      const own = ownerId === null ? undefined : all.find((c) => c.scope === "private" && c.ownerId === ownerId);
      return copy(own ?? all.find((c) => c.scope === "global"));
    },
    async list() {
      return sortCopies(
        state.credentials.values(),
        (c) => c.name,
        (c) => c.scope,
        (c) => c.ownerId ?? "",
        (c) => c.id,
      );
    },
    async replaceSecret(id, expectedVersion, fields) {
      const credential = state.credentials.get(id);
      if (credential?.secretVersion !== expectedVersion) return false;
      applyPatch(credential, fields);
      return true;
    },
    async replaceBox(id, secretVersion, box, kekId) {
      const credential = state.credentials.get(id);
      if (credential?.secretVersion !== secretVersion) return false;
      applyPatch(credential, { secretBox: box, kekId });
      return true;
    },
    async updateMetadata(id, patch) {
      const credential = state.credentials.get(id);
      if (!credential) return;
      if (patch.name !== undefined) assertNameFree(state, { ...credential, name: patch.name });
      applyPatch(credential, patch);
    },
    async delete(id) {
      if (!state.credentials.delete(id)) return;
      for (const repository of state.repositories.values()) {
        if (repository.credentialId === id) repository.credentialId = null;
      }
      for (const [key, m] of [...state.mappings]) if (m.credentialId === id) state.mappings.delete(key);
      for (const [key, t] of [...state.urlPrefixes]) if (t.credentialId === id) state.urlPrefixes.delete(key);
    },
  };
}

/** In-memory key-encryption keys; at most one active. */
export function memoryKekStore(state: MemoryState): KekStore {
  return {
    async list() {
      return sortCopies(
        state.keks.values(),
        (k) => k.createdAt,
        (k) => k.id,
      );
    },
    async insert(kek) {
      if (kek.active && [...state.keks.values()].some((k) => k.active)) {
        throw new ConflictError("KEK_ACTIVE_EXISTS", "Another key-encryption key is already active; insert it inactive, then activate it.");
      }
      insertNew(state.keks, kek.id, kek);
    },
    async activate(id) {
      if (!state.keks.has(id)) throw new NotFoundError("KEK_NOT_FOUND", `No key-encryption key with id "${id}".`);
      for (const kek of state.keks.values()) kek.active = kek.id === id;
    },
  };
}
