import { ConflictError } from "../../src/core/errors.ts";
import type { ApiTokenStore, SessionStore, UserStore } from "../../src/core/storage/store.ts";
import { applyPatch, copy, insertNew, type MemoryState, requireRow, sortCopies } from "./store-memory-state.ts";

/** In-memory users. */
export function memoryUserStore(state: MemoryState): UserStore {
  return {
    async insert(user) {
      if ([...state.users.values()].some((u) => u.username === user.username)) {
        throw new ConflictError("USERNAME_TAKEN", `The username "${user.username}" is already taken.`, { field: "username" });
      }
      insertNew(state.users, user.id, user);
    },
    async findById(id) {
      return copy(state.users.get(id));
    },
    async findByUsername(username) {
      return copy([...state.users.values()].find((u) => u.username === username));
    },
    async list() {
      return sortCopies(state.users.values(), (u) => u.username);
    },
    async count() {
      return state.users.size;
    },
    async update(id, patch) {
      const user = state.users.get(id);
      if (user) applyPatch(user, patch);
    },
  };
}

/** In-memory sessions. */
export function memorySessionStore(state: MemoryState): SessionStore {
  return {
    async insert(session) {
      requireRow(state.users, session.userId, "user");
      insertNew(state.sessions, session.idHash, session);
    },
    async findByIdHash(idHash) {
      return copy(state.sessions.get(idHash));
    },
    async delete(idHash) {
      state.sessions.delete(idHash);
    },
    async deleteExpired(now) {
      const expired = [...state.sessions.values()].filter((s) => s.expiresAt <= now);
      for (const session of expired) state.sessions.delete(session.idHash);
      return expired.length;
    },
  };
}

/** In-memory API tokens. */
export function memoryApiTokenStore(state: MemoryState): ApiTokenStore {
  return {
    async insert(token) {
      requireRow(state.users, token.userId, "user");
      insertNew(state.apiTokens, token.id, token);
    },
    async findById(id) {
      return copy(state.apiTokens.get(id));
    },
    async listByUser(userId) {
      const tokens = [...state.apiTokens.values()].filter((t) => t.userId === userId);
      return sortCopies(
        tokens,
        (t) => t.createdAt,
        (t) => t.id,
      );
    },
    async update(id, patch) {
      const token = state.apiTokens.get(id);
      if (token) applyPatch(token, patch);
    },
  };
}
