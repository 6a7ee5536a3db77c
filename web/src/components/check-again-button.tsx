/**
 * Re-runs a check after the user acted on a remedy. It stays focusable while the check runs
 * (aria-disabled, not disabled), so focus stays on it when the result updates in place.
 */
export function CheckAgainButton({ busy, onCheck, label = "Check again" }: { busy: boolean; onCheck(): void; label?: string }) {
  return (
    <button type="button" className="check-again" aria-disabled={busy || undefined} onClick={() => !busy && onCheck()}>
      {busy ? "Checking…" : label}
    </button>
  );
}
