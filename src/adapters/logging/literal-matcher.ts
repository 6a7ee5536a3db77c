const WINDOW = 8;
const BASE = 0x01000193;
const BASE_POW = Array.from({ length: WINDOW - 1 }).reduce<number>((power) => Math.imul(power, BASE), 1);

/**
 * Finds many literal strings (each at least 8 characters) in text at once, with a rolling hash
 * over 8-character windows: adding a literal is O(its length), and a scan costs the same for
 * ten literals or ten thousand. Overlapping matches are merged, so no fragment survives.
 */
export class LiteralMatcher {
  readonly #byWindow = new Map<number, string[]>();

  /** Adds a literal; shorter than 8 characters is ignored. */
  add(literal: string): void {
    if (literal.length < WINDOW) return;
    const key = windowHash(literal, 0);
    const bucket = this.#byWindow.get(key);
    if (bucket === undefined) this.#byWindow.set(key, [literal]);
    else if (!bucket.includes(literal)) {
      bucket.push(literal);
      bucket.sort((a, b) => b.length - a.length);
    }
  }

  /** True when `text` contains any literal. */
  test(text: string): boolean {
    return this.#ranges(text, true).length > 0;
  }

  /** Replaces every stretch of `text` covered by one or more literals with `replacement`. */
  replaceAll(text: string, replacement: string): string {
    const ranges = this.#ranges(text, false);
    if (ranges.length === 0) return text;
    let out = "";
    let last = 0;
    for (const [start, end] of ranges) {
      out += text.slice(last, start) + replacement;
      last = end;
    }
    return out + text.slice(last);
  }

  #ranges(text: string, first: boolean): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    if (text.length < WINDOW || this.#byWindow.size === 0) return ranges;
    let hash = windowHash(text, 0);
    for (let i = 0; ; i += 1) {
      const bucket = this.#byWindow.get(hash);
      const found = bucket?.find((literal) => text.startsWith(literal, i));
      if (found !== undefined) {
        const current = ranges[ranges.length - 1];
        if (current !== undefined && i <= current[1]) current[1] = Math.max(current[1], i + found.length);
        else ranges.push([i, i + found.length]);
        if (first) return ranges;
      }
      if (i + WINDOW >= text.length) return ranges;
      hash = (Math.imul((hash - Math.imul(text.charCodeAt(i), BASE_POW)) | 0, BASE) + text.charCodeAt(i + WINDOW)) | 0;
    }
  }
}

function windowHash(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + WINDOW; i += 1) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}
