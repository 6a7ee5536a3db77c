import type { RepositoryCheckView } from "../api/types.ts";
import { RichText } from "./rich-text.tsx";

type Step = RepositoryCheckView["steps"][number];

const passed = new Set(["ok", "passed", "pass", "success", "valid", "connected"]);
const skipped = new Set(["skipped", "skip", "not-run"]);

function mark(status: string): { icon: string; label: string; tone: string } {
  if (passed.has(status)) return { icon: "✓", label: "passed", tone: "ok" };
  if (skipped.has(status)) return { icon: "–", label: "skipped", tone: "skipped" };
  if (status === "warning" || status === "degraded") return { icon: "!", label: "warning", tone: "warning" };
  return { icon: "✗", label: "failed", tone: "failed" };
}

/** Human names for the connection check's steps. */
const stepNames: Record<string, string> = {
  token: "Token valid",
  visibility: "Repository visible",
  permission: "Permission",
  transport: "Git transport works",
};

/** The connection check, step by step, each with ✓ or ✗ and its message. */
export function CheckSteps({ steps }: { steps: Step[] }) {
  if (steps.length === 0) return <p>No check steps were reported.</p>;
  return (
    <ol className="check-steps">
      {steps.map((step, index) => {
        const m = mark(step.status);
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
            {step.remedy && m.tone !== "ok" ? (
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
