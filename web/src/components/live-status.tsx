import type { ReactNode } from "react";

/** A polite live region: what it says is announced when it changes (results of async actions). */
export function LiveStatus({ children, tone = "info" }: { children?: ReactNode; tone?: "info" | "success" }) {
  return (
    <div className={children ? `alert alert-${tone}` : "live-empty"} role="status" aria-live="polite">
      {children}
    </div>
  );
}
