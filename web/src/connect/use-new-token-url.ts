import { useEffect, useState } from "react";
import { api, seg } from "../api/api-client.ts";
import type { HostView } from "../api/types.ts";

/** The page that creates a token on a host, prefilled with the `repo` scope and a description. */
export function fallbackNewTokenUrl(webUrl: string, description = "Repolink"): string {
  const root = webUrl.replace(/\/+$/, "");
  return `${root}/settings/tokens/new?${new URLSearchParams({ scopes: "repo", description })}`;
}

function pickUrl(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  for (const key of ["url", "classic", "classicUrl"]) if (typeof b[key] === "string") return b[key];
  if (typeof b.classic === "object" && b.classic !== null && typeof (b.classic as { url?: unknown }).url === "string")
    return (b.classic as { url: string }).url;
  return null;
}

/** The prefilled "create token" link: from the API when it offers one, else built from the host's URL. */
export function useNewTokenUrl(host: HostView): string {
  const [url, setUrl] = useState(() => fallbackNewTokenUrl(host.url));
  useEffect(() => {
    let live = true;
    api<unknown>("GET", `/hosts/${seg(host.name)}/new-token-url`)
      .then((body) => {
        const fromApi = pickUrl(body);
        if (live && fromApi && /^https?:\/\//.test(fromApi)) setUrl(fromApi);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [host.name]);
  return url;
}
