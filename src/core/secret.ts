import { inspect } from "node:util";

type SecretObserver = (value: string) => void;
const observers: SecretObserver[] = [];

/**
 * A secret value that prints as `[REDACTED]` everywhere (toString, JSON, util.inspect).
 * Only the adapter that must hand it to git or GitHub calls `reveal()`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Secret.remember(value);
  }

  /** Tells the observers of a secret value without wrapping it (e.g. each field of a payload). */
  static remember(value: string): void {
    for (const observe of observers) observe(value);
  }

  /** Registers a function told of every secret value created (the log redactor uses it). */
  static observe(observer: SecretObserver): void {
    observers.push(observer);
  }

  /** The plain value; call only where it leaves for git or GitHub. */
  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toString(): string {
    return "[REDACTED]";
  }

  toJSON(): string {
    return "[REDACTED]";
  }

  [inspect.custom](): string {
    return "[REDACTED]";
  }
}
