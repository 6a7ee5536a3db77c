import { Writable } from "node:stream";

const MAX_BYTES = 64 * 1024;

/**
 * A protocol v2 `info/refs` answer is git's capability list, not the refs (those come with `ls-refs`):
 * the same for every request to one mirror with one `Git-Protocol` header. Kept after the first
 * `upload-pack --advertise-refs`, so later advertisements spawn nothing.
 */
export class CapabilityAdvertisements {
  readonly #known = new Map<string, Buffer>();

  /** Only v2 advertisements hold no refs; v0/v1 ones list them and are never kept. */
  static cacheable(gitProtocol: string | null): boolean {
    return /(^|:)version=2(:|$)/.test(gitProtocol ?? "");
  }

  get(mirrorDir: string, gitProtocol: string): Buffer | null {
    return this.#known.get(`${mirrorDir}\0${gitProtocol}`) ?? null;
  }

  /**
   * A stream for upload-pack's output that passes it on to `response` and remembers it: `keep()` stores
   * it once git ended well. (A client gone stops git through the exchange's signal.)
   */
  recorder(mirrorDir: string, gitProtocol: string, response: Writable): { stream: Writable; keep(): void } {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        if (size <= MAX_BYTES) chunks.push(chunk);
        if (response.write(chunk)) done();
        else response.once("drain", () => done());
      },
    });
    return {
      stream,
      keep: () => {
        if (size <= MAX_BYTES) this.#known.set(`${mirrorDir}\0${gitProtocol}`, Buffer.concat(chunks));
      },
    };
  }
}
