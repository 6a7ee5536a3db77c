import type { BatchKey, CredentialBudget, HealthBatch, HealthCycle, HealthCycleChange } from "../../src/core/health/health-cycle.ts";
import type { HealthStore } from "../../src/core/storage/store.ts";
import { copy, sortCopies } from "./store-memory-state.ts";

/** What the in-memory health store keeps. */
export interface MemoryHealthState {
  cycles: Map<string, HealthCycle>;
  /** By `cycleId/credentialId/batch`. */
  batches: Map<string, HealthBatch>;
  budgets: Map<string, CredentialBudget>;
  /** By `cycleId/repositoryId`. */
  changes: Map<string, HealthCycleChange>;
}

/** A fresh, empty health state. */
export const emptyHealthState = (): MemoryHealthState => ({
  cycles: new Map(),
  batches: new Map(),
  budgets: new Map(),
  changes: new Map(),
});

const keyOf = (b: BatchKey) => `${b.cycleId}/${b.credentialId}/${b.batch}`;

/** In-memory health cycles, batches and budgets (single process, so recording cannot race). */
export function memoryHealthStore(root: { health: MemoryHealthState }): HealthStore {
  // Read through `root` on every call: a rolled-back transaction replaces `root.health`.
  const h = () => root.health;
  const newest = (items: Iterable<HealthCycle>) =>
    sortCopies(
      items,
      (c) => c.startedAt,
      (c) => c.id,
    ).reverse();
  return {
    async openCycle(cycle, batches) {
      const existing = [...h().cycles.values()].find((c) => c.slot === cycle.slot);
      if (existing) return copy(existing);
      h().cycles.set(cycle.id, { ...copy(cycle), finishedAt: null, report: null });
      for (const b of batches) h().batches.set(keyOf({ ...b, cycleId: cycle.id }), { ...copy(b), cycleId: cycle.id });
      return copy(h().cycles.get(cycle.id)!);
    },
    async findCycle(id) {
      return copy(h().cycles.get(id));
    },
    async listCycles(limit, unfinished = false) {
      return newest([...h().cycles.values()].filter((c) => !unfinished || c.finishedAt === null)).slice(0, limit);
    },
    async listBatches(cycleId) {
      return sortCopies(
        [...h().batches.values()].filter((b) => b.cycleId === cycleId),
        (b) => b.credentialId,
        (b) => String(b.batch).padStart(8, "0"),
      );
    },
    async findBatch(key) {
      return copy(h().batches.get(keyOf(key)));
    },
    async addUnits(key, units) {
      const stored = h().batches.get(keyOf(key));
      if (stored) stored.unitsUsed += units;
    },
    async recordBatch(key, result) {
      const stored = h().batches.get(keyOf(key));
      if (!stored || stored.status !== "pending") return false;
      Object.assign(stored, copy(result), { status: "done" });
      return true;
    },
    async finishCycle(id, finishedAt, report) {
      const cycle = h().cycles.get(id);
      if (!cycle || cycle.finishedAt !== null) return false;
      Object.assign(cycle, { finishedAt, report: copy(report) });
      return true;
    },
    async pruneCycles(keep) {
      for (const old of newest(h().cycles.values()).slice(keep)) {
        h().cycles.delete(old.id);
        for (const [key, b] of h().batches) if (b.cycleId === old.id) h().batches.delete(key);
        for (const [key, c] of h().changes) if (c.cycleId === old.id) h().changes.delete(key);
      }
    },
    async addChanges(changes) {
      for (const c of changes) {
        const key = `${c.cycleId}/${c.repositoryId}`;
        if (!h().changes.has(key)) h().changes.set(key, copy(c));
      }
    },
    async listChanges(cycleId, afterName, limit) {
      const own = [...h().changes.values()].filter((c) => c.cycleId === cycleId && (afterName === null || c.repositoryName > afterName));
      return sortCopies(own, (c) => c.repositoryName).slice(0, Math.max(0, Math.floor(limit)));
    },
    async countChanges(cycleId) {
      const counts = { unchecked: 0, connected: 0, degraded: 0, failing: 0 };
      for (const c of h().changes.values()) if (c.cycleId === cycleId) counts[c.toStatus] += 1;
      return counts;
    },
    async getBudget(credentialId) {
      return copy(h().budgets.get(credentialId));
    },
    async putBudget(budget) {
      h().budgets.set(budget.credentialId, copy(budget));
    },
  };
}
