/** One page of a list, and GitHub's `Link` header for the others. */
export function paginate<T>(items: T[], url: URL): { page: T[]; link: string | undefined } {
  const perPage = Math.min(Math.max(Number(url.searchParams.get("per_page")) || 30, 1), 100);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const current = Math.max(Number(url.searchParams.get("page")) || 1, 1);
  const pageUrl = (page: number) => {
    const next = new URL(url);
    next.searchParams.set("per_page", String(perPage));
    next.searchParams.set("page", String(page));
    return next.toString();
  };
  const rels: string[] = [];
  if (current > 1) rels.push(`<${pageUrl(current - 1)}>; rel="prev"`);
  if (current < last) rels.push(`<${pageUrl(current + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (current > 1) rels.push(`<${pageUrl(1)}>; rel="first"`);
  return { page: items.slice((current - 1) * perPage, current * perPage), link: rels.length ? rels.join(", ") : undefined };
}
