import { useEffect, useRef } from "react";
import type { ImportResult } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { LiveStatus } from "../components/live-status.tsx";
import { RichText } from "../components/rich-text.tsx";
import { useCycleProgress } from "../hooks/use-cycle-progress.ts";

/** What an import registered and skipped (each with why), then its check as it runs, ending with the failures and their remedies. */
export function ImportProgress({ result }: { result: ImportResult }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const cycleId = result.check?.cycleId;
  const { progress, error } = useCycleProgress(cycleId);

  const done = !cycleId || progress?.done === true;
  useEffect(() => {
    if (done) heading.current?.focus();
  }, [done]);

  const total = result.check?.total ?? 0;
  const checked = progress?.checked ?? 0;
  const failures = progress?.failures ?? [];
  const counts = progress?.byStatus;
  return (
    <section className="import-progress" aria-labelledby="import-result-heading">
      <h3 id="import-result-heading" tabIndex={-1} ref={heading}>
        {done ? "Import finished" : "Importing and checking…"}
      </h3>
      <p>
        Registered {result.created.length}, skipped {result.skipped.length}.
      </p>
      {cycleId ? (
        <>
          <progress max={total} value={checked} aria-label="Repositories checked" />
          <p>
            Checked {checked} of {total}
            {counts ? ` · ${counts.connected} connected · ${counts.degraded} degraded · ${counts.failing} failing` : ""}
            {done ? "." : "…"}
          </p>
        </>
      ) : null}
      <LiveStatus visuallyHidden>
        {done && cycleId ? `Check finished: ${checked} of ${total} checked, ${counts?.failing ?? 0} failing.` : null}
      </LiveStatus>
      <ErrorAlert message={error} />
      {failures.length > 0 ? (
        <section aria-labelledby="import-failures">
          <h4 id="import-failures">Failing</h4>
          <ul className="problems">
            {failures.map((f) => (
              <li key={f.name} className="problem problem-error">
                <strong className="mono">{f.name}</strong>: <RichText text={f.message ?? "The check failed."} />
                {f.remedy ? (
                  <p className="step-remedy">
                    <RichText text={f.remedy} />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {result.skipped.length > 0 ? (
        <section aria-labelledby="import-skipped">
          <h4 id="import-skipped">Skipped</h4>
          <ul className="plain-list">
            {result.skipped.map((s) => (
              <li key={s.name}>
                <span className="mono">{s.name}</span>: {s.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {result.created.length > 0 ? (
        <details>
          <summary>Registered ({result.created.length})</summary>
          <ul className="plain-list">
            {result.created.map((name) => (
              <li key={name} className="mono">
                {name}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
