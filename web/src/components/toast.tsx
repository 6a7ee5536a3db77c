/**
 * The result of an action, shown at the bottom of the viewport wherever the page is scrolled
 * and announced politely; it stays until dismissed or replaced (no timer to race).
 */
export function Toast({ message, onDismiss }: { message: string | null; onDismiss(): void }) {
  return (
    <div className={message ? "toast" : "live-empty"} role="status" aria-live="polite">
      {message ? (
        <>
          <span>{message}</span>
          <button type="button" className="link-button" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      ) : null}
    </div>
  );
}
