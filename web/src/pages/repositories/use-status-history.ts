import { useEffect, useState } from "react";
import { call } from "../../api/api-client.ts";
import type { DayStatusView } from "../../../../src/contract/views/repository-views.ts";

/**
 * The last 30 days of the repositories shown, asked for once the rows are on screen, in one request for the whole page:
 * the rows paint without waiting for their sparklines. Empty until it answers; a failure leaves the rows without them.
 */
export function useStatusHistory(ids: readonly string[]): ReadonlyMap<string, DayStatusView[]> {
  const [history, setHistory] = useState<ReadonlyMap<string, DayStatusView[]>>(new Map());
  const key = ids.join(",");
  useEffect(() => {
    if (key === "") return;
    let live = true;
    call("GET /repositories/status-history", { query: { ids: key } })
      .then(({ items }) => live && setHistory(new Map(items.map((i) => [i.id, i.statusByDay]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return history;
}
