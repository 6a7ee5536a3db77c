const labels: Record<string, string> = {
  connected: "Connected",
  degraded: "Degraded",
  failing: "Failing",
  unchecked: "Not checked",
  valid: "Valid",
  warning: "Warning",
  invalid: "Invalid",
  success: "Success",
  failure: "Failure",
  denied: "Denied",
};

const icons: Record<string, string> = {
  connected: "✓",
  valid: "✓",
  success: "✓",
  degraded: "!",
  warning: "!",
  failing: "✗",
  invalid: "✗",
  failure: "✗",
  denied: "✗",
  unchecked: "?",
};

/** A status shown as text plus an icon and colour (colour is never the only signal). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{icons[status] ?? "•"}</span> {labels[status] ?? status}
    </span>
  );
}
