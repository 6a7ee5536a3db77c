import type { CredentialBudget, HealthCycle, HealthWork } from "../../src/core/health/health-cycle.ts";
import type { HealthStore } from "../../src/core/storage/store.ts";
import { copy, sortCopies } from "./store-memory-state.ts";

/** What the in-memory health store keeps. */
export interface MemoryHealthState {
  cycles: Map<string, HealthCycle>;
  /** By `cycleId/credentialId`. */
  work: Map<string, HealthWork>;
  budgets: Map<string, CredentialBudget>;
}

/** A fresh, empty health state. */
export const emptyHealthState = (): MemoryHealthState => ({ cycles: new Map(), work: new Map(), budgets: new Map() });

const isFree = (w: HealthWork, now: string) => w.status === "pending" || (w.status === "leased" && (w.leaseUntil ?? "") < now);

/** In-memory health cycles, work leases and budgets (single process, so claims cannot race). */
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
    async openCycle(cycle, work) {
      const existing = [...h().cycles.values()].find((c) => c.slot === cycle.slot);
      if (existing) return copy(existing);
      h().cycles.set(cycle.id, { ...copy(cycle), finishedAt: null, report: null });
      for (const w of work) h().work.set(`${cycle.id}/${w.credentialId}`, { ...copy(w), cycleId: cycle.id });
      return copy(h().cycles.get(cycle.id)!);
    },
    async findCycle(id) {
      return copy(h().cycles.get(id));
    },
    async listCycles(limit, unfinished = false) {
      return newest([...h().cycles.values()].filter((c) => !unfinished || c.finishedAt === null)).slice(0, limit);
    },
    async listWork(cycleId) {
      return sortCopies(
        [...h().work.values()].filter((w) => w.cycleId === cycleId),
        (w) => w.credentialId,
      );
    },
    async claimWork(cycleId, owner, now, leaseUntil) {
      const free = sortCopies(
        [...h().work.values()].filter((w) => w.cycleId === cycleId && isFree(w, now)),
        (w) => w.credentialId,
      )[0];
      if (!free) return undefined;
      const stored = h().work.get(`${cycleId}/${free.credentialId}`)!;
      Object.assign(stored, { status: "leased", leaseOwner: owner, leaseUntil });
      return copy(stored);
    },
    async saveWork(cycleId, credentialId, owner, patch) {
      const stored = h().work.get(`${cycleId}/${credentialId}`);
      if (!stored || stored.leaseOwner !== owner || stored.status !== "leased") return false;
      const { leaseUntil, ...rest } = patch;
      Object.assign(stored, copy(rest), { leaseUntil });
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
        for (const [key, w] of h().work) if (w.cycleId === old.id) h().work.delete(key);
      }
    },
    async getBudget(credentialId) {
      return copy(h().budgets.get(credentialId));
    },
    async putBudget(budget) {
      h().budgets.set(budget.credentialId, copy(budget));
    },
  };
}
