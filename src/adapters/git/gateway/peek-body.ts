import { PassThrough, type Readable } from "node:stream";

/**
 * Reads the first `bytes` of `body` (fewer when it ends sooner) without losing them: `rest` gives the
 * whole body again, from its first byte, and fails when `body` fails.
 */
export function peekBody(body: Readable, bytes: number): Promise<{ head: Buffer; rest: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (ended: boolean) => {
      body.off("data", onData);
      body.off("end", onEnd);
      body.off("error", onError);
      body.pause();
      const head = Buffer.concat(chunks);
      const rest = new PassThrough();
      if (ended) rest.end(head);
      else {
        rest.write(head);
        body.on("error", (error) => rest.destroy(error));
        body.pipe(rest);
      }
      resolve({ head, rest });
    };
    const onEnd = () => done(true);
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= bytes) done(false);
    };
    const onError = (error: Error) => reject(error);
    body.on("data", onData);
    body.on("end", onEnd);
    body.on("error", onError);
  });
}
