import type { CredentialProblem } from "../api/types.ts";
import { CheckAgainButton } from "./check-again-button.tsx";
import { hasLink, RichText } from "./rich-text.tsx";

/**
 * Each problem found with a credential: what is wrong and what to do, errors first. A remedy that links to
 * where to act offers "Check again" (`onCheckAgain`) so the user can confirm the fix without leaving the page.
 */
export function ProblemList({
  problems,
  onCheckAgain,
  checking = false,
}: {
  problems: CredentialProblem[];
  onCheckAgain?: () => void;
  checking?: boolean;
}) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return (
    <ul className="problems">
      {sorted.map((p) => (
        <li key={p.code} className={`problem problem-${p.severity}`}>
          <p className="problem-message">
            <strong>{p.severity === "error" ? "Problem" : "Warning"}:</strong> <RichText text={p.message} />
          </p>
          <p className="problem-remedy">
            <strong>What to do:</strong> <RichText text={p.remedy} />
          </p>
          {onCheckAgain && hasLink(p.remedy) ? <CheckAgainButton busy={checking} onCheck={onCheckAgain} /> : null}
          <p className="problem-code">
            Code <code>{p.code}</code>
          </p>
        </li>
      ))}
    </ul>
  );
}
