import type { Repository } from "../../src/core/repositories/repository.ts";
import type { RepositoryMapping } from "../../src/core/repositories/repository-mapping.ts";
import { ConflictError } from "../../src/core/errors.ts";
import { splitRepositoryPath } from "../../src/core/repositories/repository-path.ts";
import type { AuditStore, HostStore, RepositoryMappingStore, RepositoryStore, UrlPrefixStore } from "../../src/core/storage/store.ts";
import { matchesFilter, pageOf } from "./store-memory-repository-page.ts";
import { applyPatch, copy, insertNew, type MemoryState, requireRow, sortCopies } from "./store-memory-state.ts";

function assertNameFree(state: MemoryState, id: string, name: string): void {
  if ([...state.repositories.values()].some((r) => r.id !== id && r.name === name)) {
    throw new ConflictError("REPOSITORY_NAME_TAKEN", `A repository named "${name}" already exists.`, { field: "name" });
  }
}

function assertNotRegistered(state: MemoryState, repository: Repository): void {
  const same = [...state.repositories.values()].find(
    (r) => r.hostName === repository.hostName && r.path.toLowerCase() === repository.path.toLowerCase(),
  );
  if (same) {
    throw new ConflictError("REPOSITORY_ALREADY_REGISTERED", `${same.url} is already registered as ${same.name}.`, {
      field: "url",
      repository: same.name,
    });
  }
}

/** In-memory repositories and checks (checks go with their repository). */
export function memoryRepositoryStore(state: MemoryState): RepositoryStore {
  const byName = (items: Iterable<Repository>) => sortCopies(items, (r) => r.name);
  return {
    async insert(repository) {
      requireRow(state.credentials, repository.credentialId, "credential");
      assertNameFree(state, repository.id, repository.name);
      assertNotRegistered(state, repository);
      insertNew(state.repositories, repository.id, repository);
    },
    async findById(id) {
      return copy(state.repositories.get(id));
    },
    async findByName(name) {
      return copy([...state.repositories.values()].find((r) => r.name === name));
    },
    async list() {
      return byName(state.repositories.values());
    },
    async listPage(query) {
      return pageOf([...state.repositories.values()], query);
    },
    async countByStatus(filter) {
      const counts = { unchecked: 0, connected: 0, degraded: 0, failing: 0 };
      for (const r of state.repositories.values()) if (matchesFilter(r, filter)) counts[r.status]++;
      return counts;
    },
    async listByCredential(credentialId) {
      return byName([...state.repositories.values()].filter((r) => r.credentialId === credentialId));
    },
    async countByCredential() {
      const counts = new Map<string, number>();
      for (const { credentialId: id } of state.repositories.values()) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
      return counts;
    },
    async listByPath(path) {
      return byName([...state.repositories.values()].filter((r) => r.path.toLowerCase() === path.toLowerCase()));
    },
    async update(id, patch) {
      const repository = state.repositories.get(id);
      if (!repository) return;
      if (patch.name !== undefined) assertNameFree(state, id, patch.name);
      if (patch.credentialId !== undefined) requireRow(state.credentials, patch.credentialId, "credential");
      applyPatch(repository, patch.path === undefined ? patch : { ...patch, ...splitRepositoryPath(patch.path) });
    },
    async delete(id) {
      state.repositories.delete(id);
      for (const [key, m] of [...state.mappings]) if (m.repositoryId === id) state.mappings.delete(key);
      for (const check of [...state.checks.values()]) if (check.repositoryId === id) state.checks.delete(check.id);
    },
    async addCheck(check) {
      requireRow(state.repositories, check.repositoryId, "repository");
      insertNew(state.checks, check.id, check);
    },
    async listChecks(repositoryId, limit) {
      const checks = [...state.checks.values()].filter((c) => c.repositoryId === repositoryId);
      return sortCopies(
        checks,
        (c) => c.at,
        (c) => c.id,
      )
        .reverse()
        .slice(0, Math.max(0, Math.floor(limit)));
    },
    async listStatusPoints(repositoryIds, since) {
      const ids = new Set(repositoryIds);
      const checks = [...state.checks.values()].filter((c) => ids.has(c.repositoryId));
      const lastBefore = new Map<string, string>();
      for (const c of checks) if (c.at < since && c.at > (lastBefore.get(c.repositoryId) ?? "")) lastBefore.set(c.repositoryId, c.at);
      return checks
        .filter((c) => c.at >= since || c.at === lastBefore.get(c.repositoryId))
        .map((c) => ({ repositoryId: c.repositoryId, at: c.at, status: c.status }));
    },
    async pruneChecks(before) {
      const old = sortCopies(
        [...state.checks.values()].filter((c) => c.at < before),
        (c) => c.at,
        (c) => c.id,
      ).reverse();
      const kept = new Set<string>();
      let pruned = 0;
      for (const c of old) {
        if (kept.has(c.repositoryId)) {
          state.checks.delete(c.id);
          pruned++;
        } else kept.add(c.repositoryId);
      }
      return pruned;
    },
  };
}

/** In-memory hosts. */
export function memoryHostStore(state: MemoryState): HostStore {
  return {
    async insert(host) {
      if ([...state.hosts.values()].some((h) => h.name === host.name)) {
        throw new ConflictError("HOST_NAME_TAKEN", `A host named "${host.name}" already exists.`, { field: "name" });
      }
      insertNew(state.hosts, host.id, host);
    },
    async findByName(name) {
      return copy([...state.hosts.values()].find((h) => h.name === name));
    },
    async list() {
      return sortCopies(state.hosts.values(), (h) => h.name);
    },
    async update(id, patch) {
      const host = state.hosts.get(id);
      if (host) applyPatch(host, patch);
    },
    async delete(id) {
      state.hosts.delete(id);
    },
  };
}

/** In-memory audit log. */
export function memoryAuditStore(state: MemoryState): AuditStore {
  return {
    async append(event) {
      insertNew(state.audit, event.id, event);
    },
    async updateDetail(id, detail) {
      const event = state.audit.get(id);
      if (event) state.audit.set(id, { ...event, detail });
    },
    async list({ limit, actorId, targetId }) {
      const events = [...state.audit.values()].filter(
        (e) => (actorId === undefined || e.actorId === actorId) && (targetId === undefined || e.targetId === targetId),
      );
      return sortCopies(
        events,
        (e) => e.at,
        (e) => e.id,
      )
        .reverse()
        .slice(0, Math.max(0, Math.floor(limit)));
    },
  };
}

/** In-memory per-member repository mappings. */
export function memoryMappingStore(state: MemoryState): RepositoryMappingStore {
  const byRepository = (items: Iterable<RepositoryMapping>) =>
    sortCopies(
      items,
      (m) => m.repositoryId,
      (m) => m.userId,
    );
  return {
    async put(mapping) {
      requireRow(state.repositories, mapping.repositoryId, "repository");
      requireRow(state.users, mapping.userId, "user");
      requireRow(state.credentials, mapping.credentialId, "credential");
      state.mappings.set(`${mapping.repositoryId}/${mapping.userId}`, { ...mapping });
    },
    async find(repositoryId, userId) {
      return copy(state.mappings.get(`${repositoryId}/${userId}`));
    },
    async listByUser(userId) {
      return byRepository([...state.mappings.values()].filter((m) => m.userId === userId));
    },
    async listByCredential(credentialId) {
      return byRepository([...state.mappings.values()].filter((m) => m.credentialId === credentialId));
    },
    async delete(repositoryId, userId) {
      return state.mappings.delete(`${repositoryId}/${userId}`);
    },
  };
}

/** In-memory URL-prefix templates. */
export function memoryUrlPrefixStore(state: MemoryState): UrlPrefixStore {
  const sorted = (items: Iterable<{ credentialId: string; prefix: string }>) =>
    sortCopies(
      items,
      (t) => t.prefix,
      (t) => t.credentialId,
    );
  return {
    async set(credentialId, prefixes) {
      requireRow(state.credentials, credentialId, "credential");
      for (const [key, t] of [...state.urlPrefixes]) if (t.credentialId === credentialId) state.urlPrefixes.delete(key);
      for (const prefix of prefixes) state.urlPrefixes.set(`${credentialId} ${prefix}`, { credentialId, prefix });
    },
    async listByCredential(credentialId) {
      return sorted([...state.urlPrefixes.values()].filter((t) => t.credentialId === credentialId)).map((t) => t.prefix);
    },
    async findByPrefixes(prefixes) {
      return sorted([...state.urlPrefixes.values()].filter((t) => prefixes.includes(t.prefix)));
    },
    async list() {
      return sorted(state.urlPrefixes.values());
    },
  };
}
