import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";
import { isConnectionFailure, storeUnavailable } from "./store-unavailable.ts";

const translate = (error: unknown): unknown => (isConnectionFailure(error) ? storeUnavailable(error) : error);

/**
 * Kysely's view of a pg pool in which a lost or refused connection becomes `STORE_UNAVAILABLE`
 * (503, Retry-After) instead of an unexplained 500; other errors pass through unchanged.
 * The pool itself replaces broken connections, so requests resume when the server is back.
 */
export function unavailableAwarePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translate(error);
      }
      const query = ((textOrCursor: unknown, parameters?: readonly unknown[]) => {
        if (typeof textOrCursor !== "string") return client.query(textOrCursor as never);
        return client.query(textOrCursor, parameters as unknown[]).catch((error: unknown) => {
          throw translate(error);
        });
      }) as unknown as PostgresPoolClient["query"];
      return { query, release: (destroy?: boolean) => client.release(destroy) };
    },
    end: () => pool.end(),
  };
}
