import { ThrottledError } from "../errors.ts";
import { BackoffCounter, type BackoffPolicy } from "./backoff-counter.ts";
import { LoginFailureLog } from "./login-failure-log.ts";
import { type PasswordLane, PasswordWorkQueue } from "./password-work-queue.ts";

/** One sign-in attempt as the guard sees it: the username asked for and the client's address (null when unknown). */
export interface LoginAttempt {
  username: string;
  address: string | null;
}

/** A username: 5 free tries, then 1 s, 2 s, 4 s… up to 5 minutes, forgotten after 15 quiet minutes. */
export const usernameBackoff: BackoffPolicy = { freeFailures: 5, firstDelayMs: 1_000, maxDelayMs: 5 * 60_000, forgetAfterMs: 15 * 60_000 };

/** An address (several people may share one behind NAT): 20 free tries, then 1 s doubling up to 15 minutes. */
export const addressBackoff: BackoffPolicy = { freeFailures: 20, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 };

/** What a guard may be tuned with (tests and benchmarks); every field has a default. */
export interface LoginGuardOptions {
  /** Password checks run at once (default 2). */
  concurrency?: number;
  /** Checks of not-yet-known sign-ins that may wait for a slot before `LOGIN_BUSY` (default 8). */
  otherQueueLimit?: number;
  username?: BackoffPolicy;
  address?: BackoffPolicy;
}

/**
 * Everything that stands between a flood of sign-ins and the password hash: per-username and
 * per-address exponential back-off, the bounded queue of password checks, and the audit log's
 * one row per burst of failures. State is per server process.
 */
export class LoginGuard {
  readonly failures = new LoginFailureLog();
  readonly #work: PasswordWorkQueue;
  readonly #usernames: BackoffCounter;
  readonly #addresses: BackoffCounter;
  /** Username–address pairs that signed in, oldest first; bounded like the counters. */
  readonly #known = new Map<string, true>();

  constructor(options: LoginGuardOptions = {}) {
    this.#work = new PasswordWorkQueue({ concurrency: options.concurrency ?? 2, otherQueueLimit: options.otherQueueLimit ?? 8 });
    this.#usernames = new BackoffCounter(options.username ?? usernameBackoff);
    this.#addresses = new BackoffCounter(options.address ?? addressBackoff);
  }

  /**
   * Refuses an attempt whose username or address is still waiting out its back-off. A username that
   * signed in from this address before is not held back by its username's count, so a flood of wrong
   * passwords from elsewhere cannot lock its owner out.
   * @throws ThrottledError `LOGIN_THROTTLED` with the seconds to wait
   */
  checkAllowed(attempt: LoginAttempt, now: number): void {
    const known = this.#known.has(pairKey(attempt));
    const waitMs = Math.max(
      known ? 0 : this.#usernames.waitMs(attempt.username, now),
      attempt.address === null ? 0 : this.#addresses.waitMs(attempt.address, now),
    );
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new ThrottledError(
        "LOGIN_THROTTLED",
        `Too many failed sign-ins for this username or from this address; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
        { retryAfterSeconds: seconds },
      );
    }
  }

  /**
   * Runs the password check in its turn: a username that signed in from this address before goes first.
   * @throws ThrottledError `LOGIN_BUSY` when too many unknown sign-ins wait already
   */
  verify<T>(attempt: LoginAttempt, check: () => Promise<T>): Promise<T> {
    const lane: PasswordLane = this.#known.has(pairKey(attempt)) ? "known" : "other";
    return this.#work.run(lane, check);
  }

  /** Counts a wrong password against the username and the address. */
  failed(attempt: LoginAttempt, now: number): void {
    this.#usernames.fail(attempt.username, now);
    if (attempt.address !== null) this.#addresses.fail(attempt.address, now);
  }

  /** Clears the username's failures and remembers the pair (the address keeps its own count: one account must not reset it). */
  succeeded(attempt: LoginAttempt): void {
    this.#usernames.reset(attempt.username);
    const key = pairKey(attempt);
    this.#known.delete(key);
    this.#known.set(key, true);
    if (this.#known.size > 10_000) this.#known.delete(this.#known.keys().next().value as string);
  }
}

function pairKey(attempt: LoginAttempt): string {
  return `${attempt.username}\n${attempt.address ?? ""}`;
}
