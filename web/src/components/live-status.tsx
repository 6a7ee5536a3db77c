import type { ReactNode } from "react";

/** A polite live region: what it says is announced when it changes (results of async actions); optionally for screen readers only. */
export function LiveStatus({
  children,
  tone = "info",
  visuallyHidden = false,
}: {
  children?: ReactNode;
  tone?: "info" | "success";
  visuallyHidden?: boolean;
}) {
  const look = visuallyHidden ? "visually-hidden" : children ? `alert alert-${tone}` : "live-empty";
  return (
    <div className={look} role="status" aria-live="polite">
      {children}
    </div>
  );
}
