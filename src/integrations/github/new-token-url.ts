import { InputError } from "../../core/errors.ts";

/** What the prefilled "create a token" page on GitHub should ask for. */
export interface NewTokenOptions {
  kind: "classic" | "fine-grained";
  description: string;
  /** Fine-grained only: the token's name (GitHub allows 40 characters); defaults to the description. */
  name?: string;
  /** Fine-grained only: the user or organization that will own the token. */
  targetName?: string;
  /** Fine-grained only: days until expiry. */
  expiresInDays?: number;
}

/**
 * The GitHub page that creates a token prefilled for Repolink: classic with the `repo`
 * scope, or fine-grained with Contents read and write.
 * @example newTokenUrl("https://github.com", { kind: "classic", description: "Repolink" })
 * // "https://github.com/settings/tokens/new?scopes=repo&description=Repolink"
 * @throws InputError HOST_URL_INVALID when `webUrl` is not an http(s) URL.
 */
export function newTokenUrl(webUrl: string, options: NewTokenOptions): string {
  let base: URL;
  try {
    base = new URL(webUrl);
  } catch {
    throw new InputError("HOST_URL_INVALID", "newTokenUrl: the host's web URL is not a valid URL.", "webUrl");
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new InputError("HOST_URL_INVALID", "newTokenUrl: the host's web URL must use https or http.", "webUrl");
  }
  const root = `${base.origin}${base.pathname.replace(/\/+$/, "")}`;
  if (options.kind === "classic") {
    return `${root}/settings/tokens/new?${new URLSearchParams({ scopes: "repo", description: options.description })}`;
  }
  // Parameters as used by GitHub's fine-grained token template links (name, description,
  // target_name, expires_in, one parameter per permission).
  const params = new URLSearchParams({ name: (options.name ?? options.description).slice(0, 40), description: options.description });
  if (options.targetName) params.set("target_name", options.targetName);
  if (options.expiresInDays !== undefined) params.set("expires_in", String(options.expiresInDays));
  params.set("contents", "write");
  return `${root}/settings/personal-access-tokens/new?${params}`;
}
