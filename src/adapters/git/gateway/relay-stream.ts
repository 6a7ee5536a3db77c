import type { Readable, Writable } from "node:stream";

/**
 * Copies `source` into `output` chunk by chunk, pausing while `output` is full (a slow git
 * client never makes the server buffer a whole pack); resolves with the bytes copied once
 * `source` ends, fails or closes (or `output` closes first: `source` is then destroyed). `output` is left
 * open for the caller to end or destroy.
 */
export function relayStream(source: Readable, output: Writable): Promise<number> {
  let bytes = 0;
  return new Promise((resolve) => {
    source.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (!output.write(chunk)) {
        source.pause();
        output.once("drain", () => source.resume());
      }
    });
    const done = () => resolve(bytes);
    source.on("end", done);
    source.on("error", done);
    source.on("close", done);
    // The client gone: a source paused for a drain that never comes would never end; stop it instead.
    output.once("close", () => {
      if (!source.readableEnded) source.destroy();
    });
  });
}
