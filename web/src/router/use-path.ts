import { useSyncExternalStore } from "react";
import { subscribeToPath } from "./navigate.ts";

/** The current location's path without a trailing slash (`/repositories/` is `/repositories`), re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribeToPath, () => window.location.pathname.replace(/(.)\/+$/, "$1"));
}
