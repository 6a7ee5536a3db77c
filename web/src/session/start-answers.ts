import { api, call } from "../api/api-client.ts";
import type { UserView } from "../api/types.ts";

/** What `GET /session` answers: the user signed in (or null) and the session's CSRF token. */
export interface SessionBody {
  user: UserView | null;
  csrfToken: string | null;
}

/** The two answers the app starts from: whether setup is open, and who is signed in. */
export interface StartAnswers {
  setup: Promise<{ setupRequired: boolean }>;
  session: Promise<SessionBody>;
}

let early: StartAnswers | null = null;

/** Asked for both at once (a signed-in start waits for one round trip, not two). */
function askStart(): StartAnswers {
  const answers = { setup: call("GET /setup", {}), session: api<SessionBody>("GET", "/session") };
  answers.setup.catch(() => undefined);
  answers.session.catch(() => undefined); // not read when setup is required
  return answers;
}

/** Sends the start requests as the script starts, before React's first render and effects (up to 100 ms under load). */
export function requestStartEarly(): void {
  early = askStart();
}

/** The answers asked for early (once); afterwards, as on "Try again", fresh ones. */
export function startAnswers(): StartAnswers {
  const taken = early ?? askStart();
  early = null;
  return taken;
}
