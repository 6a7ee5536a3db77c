import { useRef, useState } from "react";
import { errorMessage } from "../api/api-error.ts";
import { repositoryApi, type RepositoryCheckOutcome } from "../api/repository-api.ts";
import { useKeepFocus } from "../hooks/use-keep-focus.ts";
import { CheckAgainButton } from "./check-again-button.tsx";
import { CheckSteps } from "./check-steps.tsx";
import { ErrorAlert } from "./error-alert.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { hasLink, RichText } from "./rich-text.tsx";

/**
 * A repository's connection check: the verdict, the reason and remedy, then every step. A remedy that links
 * to where to act offers "Check again", which re-runs the check and shows the new result here.
 */
export function RepositoryCheckResult({ outcome }: { outcome: RepositoryCheckOutcome }) {
  const [rechecked, setRechecked] = useState<{ of: RepositoryCheckOutcome; result: RepositoryCheckOutcome } | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const keepFocus = useKeepFocus(boxRef);
  // A newer outcome from the page replaces one re-checked here.
  const shown = rechecked?.of === outcome ? rechecked.result : outcome;
  const { repository, check } = shown;
  const message = check?.message ?? repository.message;
  const remedy = check?.remedy ?? repository.remedy;
  const reason = check?.reasonCode ?? repository.reasonCode;
  const failing = (check?.status ?? repository.status) !== "connected";

  const checkAgain = async () => {
    setChecking(true);
    setError(null);
    try {
      const result = await repositoryApi.validate(repository.id);
      setRechecked({ of: outcome, result });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChecking(false);
      keepFocus();
    }
  };

  return (
    <div className={`check-result check-${repository.status}`} ref={boxRef} tabIndex={-1}>
      <p>
        <strong>{repository.name}</strong>: <StatusBadge status={check?.status ?? repository.status} />
        {reason ? (
          <>
            {" "}
            <code>{reason}</code>
          </>
        ) : null}
      </p>
      {message ? (
        <p>
          <RichText text={message} />
        </p>
      ) : null}
      {remedy && failing ? (
        <p>
          <strong>What to do:</strong> <RichText text={remedy} />
        </p>
      ) : null}
      {remedy && failing && hasLink(remedy) ? <CheckAgainButton busy={checking} onCheck={() => void checkAgain()} /> : null}
      <ErrorAlert message={error} />
      {/* The remedy above is not repeated under its step. */}
      {check ? <CheckSteps steps={check.steps} shownRemedy={failing ? remedy : null} /> : null}
    </div>
  );
}
