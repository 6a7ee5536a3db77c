import { randomInt, timingSafeEqual } from "node:crypto";

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** The one-time code `serve` prints on first start; it lets one person create the first admin. */
export class SetupCode {
  #code: string | null;

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
    return this.#code !== null;
  }

  /** The code to print, once at start-up. */
  get value(): string | null {
    return this.#code;
  }

  /** True (and the code is used up) when `presented` matches, compared in constant time. */
  consume(presented: string): boolean {
    if (this.#code === null) return false;
    const expected = Buffer.from(this.#code);
    const given = Buffer.from(presented.trim().toUpperCase().padEnd(expected.length).slice(0, 64));
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    if (ok) this.#code = null;
    return ok;
  }
}
