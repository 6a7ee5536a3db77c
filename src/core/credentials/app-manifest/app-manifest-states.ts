import { createHash, randomBytes } from "node:crypto";
import { InputError } from "../../errors.ts";
import type { CredentialScope } from "../credential.ts";

/** What a manifest flow was started for; the App GitHub creates is stored as this credential. */
export interface AppManifestStart {
  userId: string | null;
  hostName: string;
  credentialName: string;
  scope: CredentialScope;
}

/** GitHub asks the user to confirm the App within minutes; a state older than this is refused. */
export const manifestStateLifetimeMs = 15 * 60_000;

const digest = (state: string) => createHash("sha256").update(state).digest("hex");

/**
 * The `state` values of App manifest flows in progress: issued by the server, checked and used up
 * when GitHub sends the user back. Kept in this instance's memory by their hash: the flow starts and
 * ends in one browser within minutes, and a restart merely asks the user to click again.
 */
export class AppManifestStates {
  readonly #pending = new Map<string, AppManifestStart & { expiresAt: number }>();
  readonly #now: () => Date;

  constructor(now: () => Date) {
    this.#now = now;
  }

  /** A fresh, unguessable state for `start`, and when it expires. */
  issue(start: AppManifestStart): { state: string; expiresAt: string } {
    this.#dropExpired();
    const state = randomBytes(24).toString("base64url");
    const expiresAt = this.#now().getTime() + manifestStateLifetimeMs;
    this.#pending.set(digest(state), { ...start, expiresAt });
    return { state, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * The start a state was issued for, used up at once (a second use is refused).
   * @throws InputError `APP_MANIFEST_STATE_INVALID` for an unknown, used, expired or another user's state
   */
  consume(state: string, userId: string | null): AppManifestStart {
    const key = digest(state);
    const found = this.#pending.get(key);
    if (found && found.userId === userId) this.#pending.delete(key);
    if (!found || found.userId !== userId || found.expiresAt <= this.#now().getTime()) {
      throw new InputError(
        "APP_MANIFEST_STATE_INVALID",
        "This link back from GitHub is unknown, already used or expired. Start again with “Create the App on GitHub”.",
        "state",
      );
    }
    const { expiresAt: _expiresAt, ...start } = found;
    return start;
  }

  #dropExpired(): void {
    const now = this.#now().getTime();
    for (const [key, entry] of this.#pending) if (entry.expiresAt <= now) this.#pending.delete(key);
  }
}
