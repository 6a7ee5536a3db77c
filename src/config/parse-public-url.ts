import { InputError } from "../core/errors.ts";

/**
 * Checks REPOLINK_PUBLIC_URL: an absolute http(s) origin, as clients reach Repolink.
 * @throws InputError `PUBLIC_URL_INVALID` (field `REPOLINK_PUBLIC_URL`)
 */
export function parsePublicUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (
    !url ||
    !["https:", "http:"].includes(url.protocol) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    url.pathname !== "/"
  ) {
    throw new InputError(
      "PUBLIC_URL_INVALID",
      "REPOLINK_PUBLIC_URL must be the origin clients use, like https://repolink.example.com (no path, query or user).",
      "REPOLINK_PUBLIC_URL",
    );
  }
  return url.origin;
}
