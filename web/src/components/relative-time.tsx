import { formatExact, formatRelative } from "../format.ts";

/**
 * A time as "3 minutes ago", the exact time on hover (title) and on focus (shown beside it by CSS): keyboard users
 * reach it with Tab, screen readers hear both.
 */
export function RelativeTime({ iso, none = "—" }: { iso: string | null | undefined; none?: string }) {
  if (!iso) return <>{none}</>;
  return (
    <time className="relative-time" dateTime={iso} title={formatExact(iso)} tabIndex={0}>
      {formatRelative(iso)}
    </time>
  );
}
