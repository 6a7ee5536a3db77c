import { useId, type RefObject } from "react";
import type { TokenFieldCheck } from "../token-check.ts";
import { checkTokenAsTyped } from "../token-check.ts";

/** Props of `TokenInput`. */
export interface TokenInputProps {
  label: string;
  hint?: string;
  inputRef: RefObject<HTMLInputElement | null>;
  check: TokenFieldCheck;
  onCheck(check: TokenFieldCheck): void;
  required?: boolean;
}

/**
 * A token field checked offline on every keystroke and paste. It is uncontrolled on purpose:
 * a controlled React input mirrors its value into the DOM's `value` attribute, and a secret
 * must never be written into the page. Callers read the value through `inputRef` and clear it.
 */
export function TokenInput({ label, hint, inputRef, check, onCheck, required = true }: TokenInputProps) {
  const id = useId();
  const statusId = `${id}-status`;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        ref={inputRef}
        type="password"
        name="token"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        required={required}
        className="mono"
        aria-invalid={check.state === "error" ? true : undefined}
        aria-describedby={[hint ? hintId : null, statusId].filter(Boolean).join(" ")}
        onInput={(event) => onCheck(checkTokenAsTyped(event.currentTarget.value))}
      />
      <p id={statusId} className={`token-status token-${check.state}`} aria-live="polite">
        {check.state === "ok" ? <span aria-hidden="true">✓ </span> : null}
        {check.state === "error" ? <span aria-hidden="true">✗ </span> : null}
        {check.message}
      </p>
    </div>
  );
}

/** The check of an empty token field. */
export const emptyTokenCheck: TokenFieldCheck = { state: "empty", message: "", acceptable: false };
