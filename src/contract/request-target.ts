/** The method and path (below /api/v1) of one request. */
export interface RequestTarget {
  method: string;
  path: string;
}

/**
 * Turns a route key of the contract and a request's parameters into the method and path to
 * send: each path parameter URL-encoded (a name may hold `/`), the query appended. Plain
 * strings only, so a client loads nothing of the contract's schemas at run time.
 * @example requestTarget("GET /repositories/{ref}", { ref: "acme/web" }); // { method: "GET", path: "/repositories/acme%2Fweb" }
 * @throws Error when a path parameter is missing (a programming error)
 */
export function requestTarget(
  route: string,
  params: Record<string, string> = {},
  query: Record<string, string | number | boolean | undefined> = {},
): RequestTarget {
  const space = route.indexOf(" ");
  const path = route.slice(space + 1).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: the path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  const queryText = search.toString();
  return { method: route.slice(0, space), path: queryText === "" ? path : `${path}?${queryText}` };
}
