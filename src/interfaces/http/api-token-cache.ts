import { createHash } from "node:crypto";
import type { Actor } from "../../core/access/actor.ts";

const ttlMs = 2_000;
const maxEntries = 10_000;

/**
 * Remembers verified API tokens for two seconds, so a busy pipeline does not cost two
 * database reads per request. Revoking a token or changing a user clears it here at once;
 * another instance may honour a revoked token for at most two more seconds.
 */
export class ApiTokenCache {
  readonly #entries = new Map<string, { actor: Actor; expires: number }>();

  #key(token: string): string {
    return createHash("sha256").update(token).digest("base64");
  }

  get(token: string, now: number): Actor | undefined {
    const key = this.#key(token);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.actor;
  }

  set(token: string, actor: Actor, now: number): void {
    if (this.#entries.size >= maxEntries) this.#entries.clear();
    this.#entries.set(this.#key(token), { actor, expires: now + ttlMs });
  }

  clear(): void {
    this.#entries.clear();
  }
}
