import type { CredentialProblem } from "../api/types.ts";
import { CredentialFacts } from "../components/credential-facts.tsx";
import { ProblemList } from "../components/problem-list.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import type { SaveOutcome } from "./paste-token-step.tsx";
import { StepPanel } from "./step-panel.tsx";
import { RichText } from "../components/rich-text.tsx";

/** Step 4: what GitHub said about the token — identity, scopes, expiry, SSO — and each problem with its remedy. */
export function TokenCheckStep({ outcome, onRetry, onNext }: { outcome: SaveOutcome; onRetry(): void; onNext(): void }) {
  if (outcome.kind === "refused") {
    return (
      <StepPanel number={4} title="The token cannot be used yet">
        <div className="alert alert-error" role="alert">
          <RichText text={outcome.message} /> Nothing was saved.
        </div>
        <ProblemList problems={outcome.problems} />
        <div className="actions">
          <button type="button" className="primary" onClick={onRetry}>
            Paste a corrected token
          </button>
        </div>
      </StepPanel>
    );
  }
  const { credential } = outcome;
  const problems = (Array.isArray(credential.validation?.problems) ? credential.validation.problems : []) as CredentialProblem[];
  return (
    <StepPanel number={4} title="Token checked and saved">
      <p role="status">
        Saved as credential <strong>{credential.name}</strong> ({credential.preview}). Status: <StatusBadge status={credential.status} />
      </p>
      {credential.status === "unchecked" ? (
        <p>GitHub could not be reached, so the token is stored but not checked yet; it will be checked again later.</p>
      ) : null}
      <CredentialFacts credential={credential} />
      <ProblemList problems={problems} />
      <div className="actions">
        <button type="button" className="primary" onClick={onNext}>
          Continue to repositories
        </button>
      </div>
    </StepPanel>
  );
}
