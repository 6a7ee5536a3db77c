import { useState } from "react";
import type { RepositoryCheckOutcome } from "../api/repository-api.ts";
import type { CredentialView } from "../api/types.ts";
import { LiveStatus } from "../components/live-status.tsx";
import { RepositoryCheckResult } from "../components/repository-check-result.tsx";
import { ImportRepositoriesForm } from "../pages/repositories/import-repositories-form.tsx";
import { RegisterRepositoryForm } from "../pages/repositories/register-repository-form.tsx";
import { Link } from "../router/link.tsx";
import { StepPanel } from "./step-panel.tsx";

/** Step 5: register repositories with the new credential (or import them) and watch each check. */
export function ConnectRepositoriesStep({ credential }: { credential: CredentialView }) {
  const [results, setResults] = useState<RepositoryCheckOutcome[]>([]);
  const [imported, setImported] = useState(false);
  const latest = results[0];
  return (
    <StepPanel number={5} title="Connect repositories">
      <p>
        Register a repository with the credential <strong>{credential.name}</strong>. Repolink checks, step by step, that the token is
        valid, the repository is visible, the permission is enough and Git itself works.
      </p>
      <RegisterRepositoryForm credentials={[credential]} fixedCredential={credential} onRegistered={(o) => setResults((r) => [o, ...r])} />
      <LiveStatus visuallyHidden>{latest ? `${latest.repository.name}: ${latest.repository.status}.` : null}</LiveStatus>
      {results.length > 0 ? (
        <section aria-labelledby="connect-results">
          <h3 id="connect-results">Connection checks</h3>
          {results.map((o) => (
            <RepositoryCheckResult key={o.repository.id} outcome={o} />
          ))}
        </section>
      ) : null}
      <details>
        <summary>Or import every repository this token can reach</summary>
        <ImportRepositoriesForm credentialId={credential.id} onImported={() => setImported(true)} />
      </details>
      <p className="actions">
        {results.length > 0 || imported ? (
          <Link to="/" className="button primary">
            Finish: go to the dashboard
          </Link>
        ) : (
          <Link to="/repositories">Skip for now</Link>
        )}
      </p>
    </StepPanel>
  );
}
