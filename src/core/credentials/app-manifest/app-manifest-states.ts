import { createHash, randomBytes } from "node:crypto";
import { InputError } from "../../errors.ts";
import type { Store } from "../../storage/store.ts";
import type { AppManifestStart } from "./app-manifest-start.ts";

export type { AppManifestStart } from "./app-manifest-start.ts";

/** GitHub asks the user to confirm the App within minutes; a state older than this is refused. */
export const manifestStateLifetimeMs = 15 * 60_000;

const digest = (state: string) => createHash("sha256").update(state).digest("hex");

/**
 * The `state` values of App manifest flows in progress: issued by the server, checked and used up
 * when GitHub sends the user back. Stored in the database by their hash, so GitHub's redirect may
 * reach any instance on it, and a restart keeps the flows in progress.
 */
export class AppManifestStates {
  readonly #store: Store;
  readonly #now: () => Date;

  constructor(store: Store, now: () => Date) {
    this.#store = store;
    this.#now = now;
  }

  /** A fresh, unguessable state for `start`, and when it expires; drops used and expired ones. */
  async issue(start: AppManifestStart): Promise<{ state: string; expiresAt: string }> {
    const now = this.#now();
    await this.#store.appManifestStates.prune(now.toISOString());
    const state = randomBytes(24).toString("base64url");
    const expiresAt = new Date(now.getTime() + manifestStateLifetimeMs).toISOString();
    await this.#store.appManifestStates.insert({ ...start, stateHash: digest(state), expiresAt, usedAt: null });
    return { state, expiresAt };
  }

  /**
   * The start a state was issued for, used up at once (a second use, on any instance, is refused).
   * @throws InputError `APP_MANIFEST_STATE_INVALID` for an unknown, used, expired or another user's state
   */
  async consume(state: string, userId: string | null): Promise<AppManifestStart> {
    const start = await this.#store.appManifestStates.use(digest(state), userId, this.#now().toISOString());
    if (!start) {
      throw new InputError(
        "APP_MANIFEST_STATE_INVALID",
        "This link back from GitHub is unknown, already used or expired. Start again with “Create the App on GitHub”.",
        "state",
      );
    }
    return start;
  }
}
