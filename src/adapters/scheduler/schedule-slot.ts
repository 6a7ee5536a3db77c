/** A wall-clock slot of the health schedule: its key (shared by every instance) and its ordinal. */
export interface ScheduleSlot {
  /** `2026-11-30T20:15:00.000Z/900s`: the start and the interval, so a changed interval never joins an old slot. */
  key: string;
  /** Slots since the epoch at this interval; the transport-probe rotation turns with it. */
  ordinal: number;
}

/**
 * The slot `now` falls in, for cycles every `intervalSeconds` aligned to the epoch: every instance
 * with the same interval computes the same key, and a different interval a different one.
 * @example scheduleSlot(new Date("2026-11-30T20:20:00Z"), 900).key // "2026-11-30T20:15:00.000Z/900s"
 */
export function scheduleSlot(now: Date, intervalSeconds: number): ScheduleSlot {
  const intervalMs = intervalSeconds * 1000;
  const ordinal = Math.floor(now.getTime() / intervalMs);
  return { key: `${new Date(ordinal * intervalMs).toISOString()}/${intervalSeconds}s`, ordinal };
}
