import { useEffect, useState } from "react";
import { call } from "../../api/api-client.ts";
import type { DayStatusView } from "../../../../src/contract/views/repository-views.ts";

/**
 * The last 30 days of the repositories shown, asked for once the rows are on screen, in one request for the whole page:
 * the rows paint without waiting for their sparklines. Asked again whenever the rows are fetched again (a re-check may
 * have changed today). Empty until it answers; a failure leaves the rows without them.
 */
export function useStatusHistory(rows: readonly { id: string }[] | undefined): ReadonlyMap<string, DayStatusView[]> {
  const [history, setHistory] = useState<ReadonlyMap<string, DayStatusView[]>>(new Map());
  useEffect(() => {
    if (!rows || rows.length === 0) return;
    let live = true;
    call("GET /repositories/status-history", { query: { ids: rows.map((r) => r.id).join(",") } })
      .then(({ items }) => live && setHistory(new Map(items.map((i) => [i.id, i.statusByDay]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [rows]);
  return history;
}
