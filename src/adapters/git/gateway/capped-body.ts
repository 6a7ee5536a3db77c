import { Transform, type Readable } from "node:stream";
import { InputError } from "../../../core/errors.ts";

/** A request body counted on its way through, failed once it passes its limit. */
export interface CappedBody {
  stream: Transform;
  bytes(): number;
  tooLarge(): boolean;
}

/**
 * Passes `body` through, counting bytes; past `max` the stream fails with
 * `GATEWAY_REQUEST_TOO_LARGE` naming `what` (the push, the negotiation), so nothing further is read into the server.
 */
export function cappedBody(body: Readable, max: number, what: string): CappedBody {
  let bytes = 0;
  let over = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes <= max) return callback(null, chunk);
      over = true;
      callback(
        new InputError(
          "GATEWAY_REQUEST_TOO_LARGE",
          `The ${what} is larger than this gateway takes (${Math.floor(max / 1024 / 1024)} MiB).`,
          "body",
        ),
      );
    },
  });
  body.pipe(stream);
  return { stream, bytes: () => bytes, tooLarge: () => over };
}
