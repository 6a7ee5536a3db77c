import assert from "node:assert/strict";
import { inspect } from "node:util";
import { AppError } from "../../src/core/errors.ts";
import type { Store } from "../../src/core/storage/store.ts";

/** Gives each contract test the fresh store made for it. */
export type CurrentStore = () => Store;

/** Asserts `promise` rejects with an AppError of `code` (and, if given, exactly `message`). */
export async function rejectsWithCode(promise: Promise<unknown>, code: string, message?: string): Promise<AppError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof AppError, `expected an AppError, got ${inspect(caught)}`);
  assert.equal(caught.code, code);
  if (message !== undefined) assert.equal(caught.message, message);
  return caught;
}

/** Asserts nothing reachable from `error` (message, details, causes, stacks) contains `secret`. */
export function assertNoSecretIn(error: unknown, secret: string): void {
  const seen = [inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error) ?? ""];
  let cause: unknown = error;
  while (cause instanceof Error) {
    seen.push(cause.message, cause.stack ?? "");
    cause = cause.cause;
  }
  for (const text of seen) assert.ok(!text.includes(secret), "an error holds the secret box");
}
