import type { Actor } from "../access/actor.ts";
import { ConflictError, InputError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import type { Store } from "../storage/store.ts";
import { canSeeCredential } from "./credential-access.ts";
import type { Credential } from "./credential.ts";
import { normaliseUrlPrefix } from "./url-prefix.ts";

const maxPrefixes = 50;

/**
 * Checks a credential's URL-prefix templates (`--url-prefix`, repeatable): each normalised, on the credential's own
 * host and over a scheme its kind is sent over, and not already a template of another credential the actor can see
 * (which would make every repository under it ambiguous).
 * @returns the normalised prefixes, without repeats
 * @throws InputError `URL_PREFIX_INVALID`, `CREDENTIAL_HOST_MISMATCH`; ConflictError `URL_PREFIX_TAKEN`
 */
export async function checkUrlPrefixes(
  store: Store,
  actor: Actor,
  credential: Pick<Credential, "id" | "kind" | "hostName" | "name">,
  host: Host,
  raw: string[],
): Promise<string[]> {
  if (raw.length > maxPrefixes) throw new InputError("URL_PREFIX_INVALID", `at most ${maxPrefixes} URL prefixes.`, "urlPrefixes");
  const web = new URL(host.webUrl);
  const prefixes = new Set<string>();
  for (const text of raw) {
    const parsed = normaliseUrlPrefix(text);
    const sameHost = parsed.scheme === "ssh" ? parsed.host.replace(/:\d+$/, "") === web.hostname.toLowerCase() : parsed.host === web.host;
    if (!sameHost) {
      throw new InputError(
        "CREDENTIAL_HOST_MISMATCH",
        `url-prefix ${parsed.prefix} is not on ${credential.hostName} (${host.webUrl}), the credential's host; it is never sent elsewhere.`,
        "urlPrefixes",
      );
    }
    if ((parsed.scheme === "ssh") !== (credential.kind === "ssh-key")) {
      throw new InputError(
        "URL_PREFIX_INVALID",
        `url-prefix ${parsed.prefix}: a ${credential.kind} credential is sent over ` +
          `${credential.kind === "ssh-key" ? "ssh://" : "https://"}.`,
        "urlPrefixes",
      );
    }
    prefixes.add(parsed.prefix);
  }
  const held = await store.urlPrefixes.findByPrefixes([...prefixes]);
  for (const row of held) {
    if (row.credentialId === credential.id) continue;
    const other = await store.credentials.findById(row.credentialId);
    if (other && canSeeCredential(actor, other)) {
      throw new ConflictError("URL_PREFIX_TAKEN", `url-prefix ${row.prefix} is already the template of credential "${other.name}".`, {
        field: "urlPrefixes",
      });
    }
  }
  return [...prefixes].sort();
}
