import { useSyncExternalStore } from "react";
import { subscribeToPath } from "./navigate.ts";

/** The current location's query string (`?status=failing`), re-rendering on navigation. */
export function useSearch(): string {
  return useSyncExternalStore(subscribeToPath, () => window.location.search);
}
