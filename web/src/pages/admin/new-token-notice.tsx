import { useEffect, useRef } from "react";

/** A freshly issued API token, shown this once; dismissing it removes it from the page for good. */
export function NewTokenNotice({ name, token, onDismiss }: { name: string; token: string; onDismiss(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="alert alert-success" role="status" tabIndex={-1} ref={ref}>
      <p>
        API token <strong>{name}</strong> created. Copy it now: Repolink will not show it again.
      </p>
      <p>
        <code className="token-once">{token}</code>
      </p>
      <div className="actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(token)}>
          Copy token
        </button>
        <button type="button" onClick={onDismiss}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
