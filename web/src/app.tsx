import { useCallback, useEffect, useState } from "react";
import { api, setCsrfToken, call } from "./api/api-client.ts";
import { ApiError } from "./api/api-error.ts";
import type { UserView } from "./api/types.ts";
import { AppShell } from "./app-shell.tsx";
import { SetupPage } from "./pages/auth/setup-page.tsx";
import { SignInPage } from "./pages/auth/sign-in-page.tsx";
import { navigate } from "./router/navigate.ts";
import { SessionContext } from "./session/session-context.ts";
import { startAnswers, type SessionBody } from "./session/start-answers.ts";

type State =
  | { phase: "loading" }
  | { phase: "setup" }
  | { phase: "signed-out"; notice: string | null }
  | { phase: "signed-in"; user: UserView }
  | { phase: "failed"; message: string };

/** Decides between first-run setup, sign-in and the signed-in app. */
export function App() {
  const [state, setState] = useState<State>({ phase: "loading" });

  const start = useCallback(async () => {
    try {
      const answers = startAnswers();
      const setup = await answers.setup;
      if (setup.setupRequired) return setState({ phase: "setup" });
      const session = await answers.session;
      setCsrfToken(session.csrfToken);
      setState(session.user ? { phase: "signed-in", user: session.user } : { phase: "signed-out", notice: null });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return setState({ phase: "signed-out", notice: null });
      setState({ phase: "failed", message: e instanceof Error ? e.message : "Repolink could not be reached." });
    }
  }, []);

  useEffect(() => {
    void start();
  }, [start]);

  const signIn = useCallback(async (username: string, password: string) => {
    const session = await api<SessionBody>("POST", "/session", { username, password });
    setCsrfToken(session.csrfToken);
    if (session.user) setState({ phase: "signed-in", user: session.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call("DELETE /session", {});
    } finally {
      setCsrfToken(null);
      navigate("/");
      setState({ phase: "signed-out", notice: "You are signed out." });
    }
  }, []);

  switch (state.phase) {
    case "loading":
      return (
        <main id="main" className="narrow" aria-busy="true">
          <p role="status">Loading Repolink…</p>
        </main>
      );
    case "failed":
      return (
        <main id="main" className="narrow">
          <h1>Repolink is not reachable</h1>
          <p role="alert">{state.message}</p>
          <button type="button" onClick={() => void start()}>
            Try again
          </button>
        </main>
      );
    case "setup":
      return <SetupPage onDone={signIn} />;
    case "signed-out":
      return <SignInPage onSignIn={signIn} notice={state.notice} />;
    case "signed-in":
      return (
        <SessionContext.Provider value={{ user: state.user, signOut }}>
          <AppShell />
        </SessionContext.Provider>
      );
  }
}
