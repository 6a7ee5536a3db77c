import type { CredentialProblem } from "../api/types.ts";
import { RichText } from "./rich-text.tsx";

/** Each problem found with a credential: what is wrong and what to do, errors first. */
export function ProblemList({ problems }: { problems: CredentialProblem[] }) {
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
          <p className="problem-code">
            Code <code>{p.code}</code>
          </p>
        </li>
      ))}
    </ul>
  );
}
