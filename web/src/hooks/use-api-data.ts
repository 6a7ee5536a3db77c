import { useCallback, useEffect, useState } from "react";
import type { ApiRequest, ApiResponse, ApiRouteKey } from "../../../src/contract/api-types.ts";
import { requestTarget } from "../../../src/contract/request-target.ts";
import { api } from "../api/api-client.ts";
import { errorMessage } from "../api/api-error.ts";

/** What `useApiData` returns: the data once loaded, or the error's message. */
export interface ApiData<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

type GetRoute = Extract<ApiRouteKey, `GET ${string}`>;

/** GETs a route of the contract on mount and on `reload()`; its answer is typed by the contract. */
export function useApiData<K extends GetRoute>(route: K, input: ApiRequest<K> = {} as ApiRequest<K>): ApiData<ApiResponse<K>> {
  const { params, query } = input as { params?: Record<string, string>; query?: Record<string, string | number> };
  const path = requestTarget(route, params, query).path;
  const [data, setData] = useState<ApiResponse<K>>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api<ApiResponse<K>>("GET", path)
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
