import type { CheckStep } from "../api/types.ts";
import type { CheckStepStatus } from "../../../src/shared/check-statuses.ts";
import { RichText } from "./rich-text.tsx";

/** How each step status of the contract is shown. */
const marks: Record<CheckStepStatus, { icon: string; label: string; tone: string }> = {
  passed: { icon: "✓", label: "passed", tone: "ok" },
  skipped: { icon: "–", label: "skipped", tone: "skipped" },
  warning: { icon: "!", label: "warning", tone: "warning" },
  failed: { icon: "✗", label: "failed", tone: "failed" },
};

/** Human names for the connection check's steps. */
const stepNames: Record<string, string> = {
  token: "Token valid",
  visibility: "Repository visible",
  permission: "Permission",
  transport: "Git transport works",
};

/** The connection check, step by step, each with ✓ or ✗ and its message; `shownRemedy` is already shown above, so not repeated. */
export function CheckSteps({ steps, shownRemedy = null }: { steps: CheckStep[]; shownRemedy?: string | null }) {
  if (steps.length === 0) return <p>No check steps were reported.</p>;
  return (
    <ol className="check-steps">
      {steps.map((step, index) => {
        const m = marks[step.status];
        return (
          <li key={`${step.name}-${index}`} className={`step step-${m.tone}`}>
            <span className="step-icon" aria-hidden="true">
              {m.icon}
            </span>
            <span className="step-name">{stepNames[step.name] ?? step.name}</span>
            <span className="visually-hidden">: {m.label}.</span>
            {step.message ? (
              <span className="step-message">
                {" "}
                — <RichText text={step.message} />
              </span>
            ) : null}
            {step.remedy && m.tone !== "ok" && step.remedy !== shownRemedy ? (
              <p className="step-remedy">
                What to do: <RichText text={step.remedy} />
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
