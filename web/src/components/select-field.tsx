import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

/** A labelled `<select>` with an optional hint. */
export function SelectField({
  label,
  hint,
  children,
  id,
  ...select
}: { label: ReactNode; hint?: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      {hint ? (
        <p className="hint" id={`${selectId}-hint`}>
          {hint}
        </p>
      ) : null}
      <select id={selectId} aria-describedby={hint ? `${selectId}-hint` : undefined} {...select}>
        {children}
      </select>
    </div>
  );
}
