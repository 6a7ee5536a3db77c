import { pino, type DestinationStream, type Logger } from "pino";
import type { SecretRedactor } from "./secret-redactor.ts";

/** Options of `createLogger`; `destination` defaults to stdout. */
export interface CreateLoggerOptions {
  level: string;
  destination?: NodeJS.WritableStream | DestinationStream;
  redactor: SecretRedactor;
}

/**
 * A pino logger whose every serialised line passes through `redactor` before it is written,
 * so messages, nested fields and error stacks are all covered.
 * @example const log = createLogger({ level: "info", redactor: defaultRedactor });
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  const redacting: DestinationStream = {
    write(line: string) {
      target.write(options.redactor.redact(line));
    },
  };
  return pino(
    {
      level: options.level,
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    redacting,
  );
}
