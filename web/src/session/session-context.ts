import { createContext, useContext } from "react";
import type { UserView } from "../api/types.ts";

/** The signed-in user and how to sign out. */
export interface SessionValue {
  user: UserView;
  signOut(): Promise<void>;
}

/** Provided by the app shell once someone is signed in. */
export const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in session; only used inside the signed-in shell. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession: no signed-in session");
  return value;
}
