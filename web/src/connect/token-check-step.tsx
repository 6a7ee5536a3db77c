import { useRef, useState } from "react";
import { call } from "../api/api-client.ts";
import { errorMessage } from "../api/api-error.ts";
import type { CredentialProblem, CredentialView } from "../api/types.ts";
import { CredentialFacts } from "../components/credential-facts.tsx";
import { ErrorAlert } from "../components/error-alert.tsx";
import { ProblemList } from "../components/problem-list.tsx";
import { useKeepFocus } from "../hooks/use-keep-focus.ts";
import { StatusBadge } from "../components/status-badge.tsx";
import { AppFacts } from "./app-facts.tsx";
import type { SaveOutcome } from "./save-checked-credential.ts";
import { StepPanel } from "./step-panel.tsx";
import { RichText } from "../components/rich-text.tsx";

/**
 * Step 4: what GitHub said about the token (identity, scopes, expiry, SSO) or the App (name, owner, permissions),
 * and each problem with its remedy; "Check again" re-runs the check in place once the user has acted.
 */
export function TokenCheckStep({
  outcome,
  what = "token",
  onRetry,
  onChecked,
  onNext,
}: {
  outcome: SaveOutcome;
  what?: "token" | "app";
  onRetry(): void;
  onChecked?(credential: CredentialView): void;
  onNext(): void;
}) {
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const keepFocus = useKeepFocus(statusRef);
  const subject = what === "app" ? "App" : "Token";

  if (outcome.kind === "refused") {
    return (
      <StepPanel number={4} title={`The ${subject.toLowerCase()} cannot be used yet`}>
        <div className="alert alert-error" role="alert">
          <RichText text={outcome.message} /> Nothing was saved.
        </div>
        <ProblemList problems={outcome.problems} />
        <div className="actions">
          <button type="button" className="primary" onClick={onRetry}>
            {what === "app" ? "Enter the App's key again" : "Paste a corrected token"}
          </button>
        </div>
      </StepPanel>
    );
  }
  const { credential } = outcome;
  const problems = (Array.isArray(credential.validation?.problems) ? credential.validation.problems : []) as CredentialProblem[];

  const checkAgain = async () => {
    setChecking(true);
    setError(null);
    try {
      const checked = await call("POST /credentials/{ref}/validate", { params: { ref: credential.id } });
      onChecked?.(checked.credential);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChecking(false);
      keepFocus();
    }
  };

  return (
    <StepPanel number={4} title={`${subject} checked and saved`}>
      <p role="status" ref={statusRef} tabIndex={-1}>
        Saved as credential <strong>{credential.name}</strong> ({credential.preview}). Status: <StatusBadge status={credential.status} />
      </p>
      {credential.status === "unchecked" ? (
        <p>GitHub could not be reached, so the {subject.toLowerCase()} is stored but not checked yet; it will be checked again later.</p>
      ) : null}
      {what === "app" || credential.type === "github-app" ? (
        <AppFacts credential={credential} />
      ) : (
        <CredentialFacts credential={credential} />
      )}
      <ErrorAlert message={error} />
      <ProblemList problems={problems} onCheckAgain={() => void checkAgain()} checking={checking} />
      <div className="actions">
        <button type="button" className="primary" onClick={onNext}>
          Continue to repositories
        </button>
      </div>
    </StepPanel>
  );
}
