import { useSyncExternalStore } from "react";
import { subscribeToPath } from "./navigate.ts";

/** The current location's path, re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribeToPath, () => window.location.pathname);
}
