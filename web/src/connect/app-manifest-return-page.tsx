import { useEffect, useRef, useState } from "react";
import { call } from "../api/api-client.ts";
import { errorMessage } from "../api/api-error.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { Link } from "../router/link.tsx";
import { wizardPath } from "./wizard-location.ts";

/**
 * Where GitHub sends the browser back after creating the App (`?code=…&state=…`): the server trades the
 * code for the App's ID and key and stores the credential; then the wizard goes on at its check step.
 * The address is replaced, not added, so Back does not post the used-up code again.
 */
export function AppManifestReturnPage() {
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const query = new URLSearchParams(window.location.search);
    const code = query.get("code") ?? "";
    const state = query.get("state") ?? "";
    if (!code || !state) {
      setError("GitHub sent no code back, so no App was stored. Start again with “Create the App on GitHub”.");
      return;
    }
    call("POST /app-manifests/conversions", { body: { code, state } })
      .then(({ credential }) => {
        const next = wizardPath({ step: 4, host: credential.host, method: "app", credential: credential.id });
        window.history.replaceState(null, "", next);
        window.dispatchEvent(new PopStateEvent("popstate"));
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  return (
    <>
      <PageHeading>Connect GitHub</PageHeading>
      {error ? (
        <>
          <ErrorAlert message={error} />
          <p>
            <Link to={wizardPath({ step: 2, host: null, method: "app", credential: null })}>Back to the wizard</Link>
          </p>
        </>
      ) : (
        <p role="status">Storing the App GitHub created…</p>
      )}
    </>
  );
}
