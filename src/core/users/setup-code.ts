import { randomInt, timingSafeEqual } from "node:crypto";
import { AuthError } from "../errors.ts";

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Wrong codes accepted before the code stops working (a restart of `serve` prints a new one). */
export const setupCodeTries = 10;

/** The one-time code `serve` prints on first start; it lets one person create the first admin. */
export class SetupCode {
  #code: string | null;
  #wrongTries = 0;
  #inUse = false;

  private constructor(code: string | null) {
    this.#code = code;
  }

  /** A fresh code like `ABCD-EFGH-JKLM`, or an inert holder when an admin exists already. */
  static create(needed: boolean): SetupCode {
    if (!needed) return new SetupCode(null);
    const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(""));
    return new SetupCode(groups.join("-"));
  }

  get pending(): boolean {
    return this.#code !== null && this.#wrongTries < setupCodeTries;
  }

  /** The code to print, once at start-up. */
  get value(): string | null {
    return this.#code;
  }

  /**
   * Runs `create` (making the first admin) when `presented` is the code, compared in constant time
   * whatever its case, spaces or dashes. The code is used up only when `create` succeeds; one use runs
   * at a time. After 10 wrong codes it stops working.
   * @throws AuthError `SETUP_CODE_INVALID` (wrong, saying how many tries are left), `SETUP_CODE_EXHAUSTED`
   */
  async use<T>(presented: string, create: () => Promise<T>): Promise<T> {
    if (this.#code === null) throw usedUp();
    if (this.#wrongTries >= setupCodeTries) throw exhausted();
    if (!this.#matches(presented)) {
      this.#wrongTries++;
      const left = setupCodeTries - this.#wrongTries;
      if (left === 0) throw exhausted();
      throw new AuthError(
        "forbidden",
        "SETUP_CODE_INVALID",
        `The setup code is wrong; ${left} ${left === 1 ? "try" : "tries"} left. It is the code \`repolink serve\` printed at start.`,
      );
    }
    if (this.#inUse) throw usedUp();
    this.#inUse = true;
    try {
      const created = await create();
      this.#code = null;
      return created;
    } finally {
      this.#inUse = false;
    }
  }

  #matches(presented: string): boolean {
    const expected = Buffer.from((this.#code ?? "").replaceAll("-", ""));
    const given = Buffer.from(presented.replace(/[\s-]/g, "").toUpperCase().padEnd(expected.length).slice(0, 64));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function usedUp(): AuthError {
  return new AuthError("forbidden", "SETUP_CODE_INVALID", "The setup code is used up; sign in, or restart `repolink serve` for a new one.");
}

function exhausted(): AuthError {
  return new AuthError(
    "forbidden",
    "SETUP_CODE_EXHAUSTED",
    `The setup code was entered wrong ${setupCodeTries} times and no longer works; ` +
      "restart `repolink serve` for a new one, or run `repolink admin create` on the server.",
  );
}
