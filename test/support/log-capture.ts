import { Writable } from "node:stream";

/** A writable stream that keeps every log line, for asserting what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  }

  get text(): string {
    return this.lines.join("\n");
  }
}
