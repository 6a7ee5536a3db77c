import { useCallback, useEffect, useState } from "react";
import { api } from "../api/api-client.ts";
import { errorMessage } from "../api/api-error.ts";

/** What `useApiData` returns: the data once loaded, or the error's message. */
export interface ApiData<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** GETs `path` (below /api/v1) on mount and on `reload()`; `null` skips the request. */
export function useApiData<T>(path: string | null): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    api<T>("GET", path)
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, generation]);

  return { data, error, loading, reload };
}
