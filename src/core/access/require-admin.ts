import { AuthError } from "../errors.ts";
import type { Actor } from "./actor.ts";

/** @throws AuthError `FORBIDDEN` unless the actor is an admin (or the system). */
export function requireAdmin(actor: Actor, what: string): void {
  if (actor.role !== "admin" && actor.role !== "system") {
    throw new AuthError("forbidden", "FORBIDDEN", `Only an admin may ${what}.`);
  }
}
