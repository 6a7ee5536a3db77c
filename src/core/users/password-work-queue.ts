import { ThrottledError } from "../errors.ts";

/** Which waiting line a password check joins: `known` (a username and address that signed in before) goes first. */
export type PasswordLane = "known" | "other";

/**
 * Runs password hashing (scrypt: ~32 MiB and tens of milliseconds of CPU each) at most `concurrency`
 * at a time, so a flood of sign-ins cannot take every core. Two lines wait: checks for a username
 * that already signed in from the same address go before all others and keep one slot of their own
 * (the others use at most `concurrency - 1`), so such a sign-in never waits for a flood's hash to end;
 * the others' line holds at most `otherQueueLimit`; past it a check is refused at once (`LOGIN_BUSY`)
 * instead of waiting behind the flood.
 */
export class PasswordWorkQueue {
  readonly #concurrency: number;
  readonly #otherQueueLimit: number;
  readonly #running: Record<PasswordLane, number> = { known: 0, other: 0 };
  readonly #waiting: Record<PasswordLane, (() => void)[]> = { known: [], other: [] };

  constructor(options: { concurrency: number; otherQueueLimit: number }) {
    this.#concurrency = Math.max(1, Math.floor(options.concurrency));
    this.#otherQueueLimit = Math.max(0, Math.floor(options.otherQueueLimit));
  }

  /**
   * Runs `work` when a slot is free.
   * @throws ThrottledError `LOGIN_BUSY` when the `other` line is full
   */
  async run<T>(lane: PasswordLane, work: () => Promise<T>): Promise<T> {
    if (this.#mayStart(lane)) this.#running[lane]++;
    else {
      if (lane === "other" && this.#waiting.other.length >= this.#otherQueueLimit) {
        throw new ThrottledError("LOGIN_BUSY", "Too many sign-ins are being checked right now; try again in a second.", {
          retryAfterSeconds: 1,
        });
      }
      // The slot is counted for this check by #drain, before it resumes.
      await new Promise<void>((resolve) => this.#waiting[lane].push(resolve));
    }
    try {
      return await work();
    } finally {
      this.#running[lane]--;
      this.#drain();
    }
  }

  #mayStart(lane: PasswordLane): boolean {
    const total = this.#running.known + this.#running.other;
    const laneLimit = lane === "known" ? this.#concurrency : Math.max(1, this.#concurrency - 1);
    return total < this.#concurrency && this.#running[lane] < laneLimit;
  }

  #drain(): void {
    for (const lane of ["known", "other"] as const) {
      while (this.#waiting[lane].length > 0 && this.#mayStart(lane)) {
        this.#running[lane]++;
        this.#waiting[lane].shift()?.();
      }
    }
  }
}
