import { useEffect, useRef, type ReactNode } from "react";

/** One wizard step: its heading takes focus when the step opens, so keyboard and screen-reader users land on it. */
export function StepPanel({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (number > 1) ref.current?.focus();
  }, [number]);
  return (
    <section className="card step-panel" aria-labelledby={`step-${number}-title`}>
      <h2 id={`step-${number}-title`} tabIndex={-1} ref={ref}>
        Step {number}: {title}
      </h2>
      {children}
    </section>
  );
}
