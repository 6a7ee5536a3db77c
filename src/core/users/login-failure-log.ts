import type { CoreDeps } from "../deps.ts";
import { escapeForTerminal } from "../text/escape-for-terminal.ts";
import { looksLikeSecret, type TokenFormats } from "../text/check-not-a-secret.ts";

/** Why a sign-in failed: a wrong password, or refused before any check (`throttled`, `busy`). */
export type LoginFailureKind = "wrong-password" | "throttled" | "busy";

interface Burst {
  id: string;
  firstAt: string;
  lastAt: number;
  wrongPasswords: number;
  refused: number;
  usernames: string[];
  /** Writes of this burst's row, one after another (the append must land before an update). */
  written: Promise<void>;
}

const quietMs = 15 * 60_000;
const maxUsernames = 10;
const maxBursts = 10_000;

/**
 * Writes failed sign-ins to the audit log as one row per burst (per client address, until it is quiet
 * for 15 minutes) whose counts grow, instead of one row per attempt: a flood adds one row, not thousands.
 * Sign-ins refused because too many checks were waiting (`busy`) share one burst whatever their address,
 * so a flood from many addresses adds a row only per address whose password was actually checked.
 * Usernames are stored as inert text (`escapeForTerminal`), so no submitted name can forge a line or
 * drive a terminal that shows the log.
 */
export class LoginFailureLog {
  readonly #bursts = new Map<string, Burst>();

  /** Counts one failure into its address's burst, starting a new row when there is none. */
  record(
    deps: Pick<CoreDeps, "store" | "now" | "newId" | "integrations">,
    attempt: { username: string; address: string | null },
    kind: LoginFailureKind,
  ): Promise<void> {
    const now = deps.now();
    // Refusals for a full queue are the server's load, not one client's: all of them share one burst.
    const key = kind === "busy" ? "\n busy" : (attempt.address ?? "");
    const username = inertUsername(attempt.username, deps.integrations);
    let burst = this.#bursts.get(key);
    const fresh = burst === undefined || now.getTime() - burst.lastAt > quietMs;
    if (burst === undefined || fresh) {
      burst = {
        id: deps.newId(),
        firstAt: now.toISOString(),
        lastAt: 0,
        wrongPasswords: 0,
        refused: 0,
        usernames: [],
        written: Promise.resolve(),
      };
      this.#bursts.delete(key);
      this.#bursts.set(key, burst);
      if (this.#bursts.size > maxBursts) this.#bursts.delete(this.#bursts.keys().next().value as string);
    }
    const current = burst;
    current.lastAt = now.getTime();
    if (kind === "wrong-password") current.wrongPasswords++;
    else current.refused++;
    if (!current.usernames.includes(username) && current.usernames.length < maxUsernames) current.usernames.push(username);
    const detail = {
      attempts: current.wrongPasswords + current.refused,
      wrongPasswords: current.wrongPasswords,
      refused: current.refused,
      usernames: [...current.usernames],
      firstAt: current.firstAt,
      lastAt: now.toISOString(),
      ...(attempt.address === null ? {} : { clientAddress: attempt.address }),
    };
    const write = fresh
      ? () =>
          deps.store.audit.append({
            id: current.id,
            at: current.firstAt,
            actorId: null,
            actorName: username,
            action: "login",
            targetType: "user",
            targetId: null,
            targetName: username,
            outcome: "failure",
            detail,
          })
      : () => deps.store.audit.updateDetail(current.id, detail);
    current.written = current.written.then(write, write);
    return current.written;
  }
}

/**
 * A submitted username as it may be stored and shown: at most 64 characters, every control or bidi
 * character escaped, and a pasted secret (a password typed in the username field) not kept at all.
 */
export function inertUsername(username: string, tokens: TokenFormats): string {
  return looksLikeSecret(username, tokens) ? "[a secret, not recorded]" : escapeForTerminal(username.slice(0, 64));
}
