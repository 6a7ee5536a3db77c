import type { AppManifestStateStore } from "../../src/core/storage/store.ts";
import { insertNew, type MemoryState } from "./store-memory-state.ts";

/** In-memory GitHub App manifest states. */
export function memoryAppManifestStateStore(state: MemoryState): AppManifestStateStore {
  return {
    async insert(row) {
      insertNew(state.appManifestStates, row.stateHash, row);
    },
    async use(stateHash, userId, now) {
      const row = state.appManifestStates.get(stateHash);
      if (!row || row.userId !== userId || row.usedAt !== null || row.expiresAt <= now) return undefined;
      row.usedAt = now;
      return { userId: row.userId, hostName: row.hostName, credentialName: row.credentialName, scope: row.scope };
    },
    async prune(now) {
      const gone = [...state.appManifestStates.values()].filter((row) => row.usedAt !== null || row.expiresAt <= now);
      for (const row of gone) state.appManifestStates.delete(row.stateHash);
      return gone.length;
    },
  };
}
