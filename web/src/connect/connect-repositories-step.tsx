import { useState } from "react";
import type { RepositoryCheckOutcome } from "../api/repository-api.ts";
import type { CredentialView, HostView, ImportResult } from "../api/types.ts";
import { LiveStatus } from "../components/live-status.tsx";
import { RepositoryCheckResult } from "../components/repository-check-result.tsx";
import { RegisterRepositoryForm } from "../pages/repositories/register-repository-form.tsx";
import { Link } from "../router/link.tsx";
import { ImportProgress } from "./import-progress.tsx";
import { RepositoryPicker } from "./repository-picker.tsx";
import { StepPanel } from "./step-panel.tsx";

/** Step 5: choose the repositories the credential reaches (or register one by URL) and watch their checks. */
export function ConnectRepositoriesStep({ credential, hosts }: { credential: CredentialView; hosts: HostView[] }) {
  const [results, setResults] = useState<RepositoryCheckOutcome[]>([]);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const latest = results[0];
  return (
    <StepPanel number={5} title="Connect repositories">
      <p>
        Register a repository with the credential <strong>{credential.name}</strong>, or choose from those it reaches below. Repolink checks
        each at once: the token is valid, the repository is visible, the permission is enough and Git itself works.
      </p>
      <RegisterRepositoryForm
        credentials={[credential]}
        hosts={hosts}
        fixedCredential={credential}
        onRegistered={(o) => setResults((r) => [o, ...r])}
      />
      <LiveStatus visuallyHidden>{latest ? `${latest.repository.name}: ${latest.repository.status}.` : null}</LiveStatus>
      {results.length > 0 ? (
        <section aria-labelledby="connect-results">
          <h3 id="connect-results">Connection checks</h3>
          {results.map((o) => (
            <RepositoryCheckResult key={o.repository.id} outcome={o} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="choose-repositories" className="choose-repositories">
        <h3 id="choose-repositories">Or choose from the repositories this token reaches</h3>
        {imported ? <ImportProgress result={imported} /> : <RepositoryPicker credentialId={credential.id} onImported={setImported} />}
      </section>
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
