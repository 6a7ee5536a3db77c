import type { RepositoryCheckOutcome } from "../api/repository-api.ts";
import { CheckSteps } from "./check-steps.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { RichText } from "./rich-text.tsx";

/** A repository's connection check: the verdict, the reason and remedy, then every step. */
export function RepositoryCheckResult({ outcome }: { outcome: RepositoryCheckOutcome }) {
  const { repository, check } = outcome;
  const message = check?.message ?? repository.message;
  const remedy = check?.remedy ?? repository.remedy;
  const reason = check?.reasonCode ?? repository.reasonCode;
  return (
    <div className={`check-result check-${repository.status}`}>
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
      {remedy && repository.status !== "connected" ? (
        <p>
          <strong>What to do:</strong> <RichText text={remedy} />
        </p>
      ) : null}
      {check ? <CheckSteps steps={check.steps} /> : null}
    </div>
  );
}
