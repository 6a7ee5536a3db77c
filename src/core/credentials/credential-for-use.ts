import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, ConflictError } from "../errors.ts";
import type { Repository } from "../repositories/repository.ts";
import { canSeeCredential } from "./credential-access.ts";
import type { Credential } from "./credential.ts";
import { urlPrefixKeysOf } from "./url-prefix.ts";

/** The credential that serves one use of a repository, and why it was chosen. */
export interface CredentialChoice {
  credential: Credential;
  source: "mapping" | "repository" | "template";
  /** The template's prefix when `source` is `template`. */
  prefix: string | null;
}

/** What the rule looks at for one repository and caller; loaded by `credentialFacts`, or in bulk by callers that batch. */
export interface CredentialFacts {
  mapping: Credential | undefined;
  repositoryCredential: Credential | undefined;
  templates: { credential: Credential; prefix: string }[];
}

/** Whether a credential of this kind can be sent over the repository's protocol (an SSH key over SSH, the others over HTTPS). */
export function kindFits(credential: Pick<Credential, "kind">, repository: Pick<Repository, "protocol">): boolean {
  return repository.protocol === "ssh" ? credential.kind === "ssh-key" : credential.kind !== "ssh-key";
}

/**
 * A template the caller may use: a person's visible credentials (the team's and their own private ones); the
 * system (health) only the team's, since a member's private template speaks for that member alone.
 */
function mayUseTemplate(actor: Actor, credential: Credential): boolean {
  return actor.role === "system" ? credential.scope === "global" : canSeeCredential(actor, credential);
}

/**
 * THE rule deciding which credential serves a use of a repository — the credential helper, checkout, push,
 * connection checks, branch listing and registration all ask it: the caller's own mapping for the repository
 * (`repo map`), else the repository's credential if the caller may use it, else the credential of the longest
 * URL-prefix template matching the repository's URL among those the caller may use. Two templates of the same
 * length are an ambiguity, refused naming both; nothing is decided by credentials the caller may not use.
 * @returns undefined when no credential serves the caller
 * @throws ConflictError `CREDENTIAL_AMBIGUOUS` (field `credential`, `candidates`)
 */
export function chooseCredential(actor: Actor, repository: Repository, facts: CredentialFacts): CredentialChoice | undefined {
  const fits = (c: Credential) => c.hostName === repository.hostName && kindFits(c, repository);
  if (facts.mapping && canSeeCredential(actor, facts.mapping)) return { credential: facts.mapping, source: "mapping", prefix: null };
  const own = facts.repositoryCredential;
  if (own && canSeeCredential(actor, own)) return { credential: own, source: "repository", prefix: null };
  const usable = facts.templates.filter((t) => mayUseTemplate(actor, t.credential) && fits(t.credential));
  const longest = Math.max(-1, ...usable.map((t) => t.prefix.length));
  const best = usable.filter((t) => t.prefix.length === longest);
  const ids = new Set(best.map((t) => t.credential.id));
  if (ids.size > 1) {
    const names = [...new Set(best.map((t) => t.credential.name))].sort();
    throw new ConflictError(
      "CREDENTIAL_AMBIGUOUS",
      `Credentials ${names.map((n) => `"${n}"`).join(" and ")} both have the URL-prefix template ${best[0]?.prefix ?? ""} ` +
        `for ${repository.name}; map one with \`repolink repo map ${repository.name} --credential NAME\`, or remove one template.`,
      { field: "credential", candidates: names },
    );
  }
  const [chosen] = best;
  return chosen && { credential: chosen.credential, source: "template", prefix: chosen.prefix };
}

/** Loads what the rule looks at for one repository: one read each for the mapping, the credential and the templates. */
export async function credentialFacts(deps: Pick<CoreDeps, "store">, actor: Actor, repository: Repository): Promise<CredentialFacts> {
  const store = deps.store;
  const [mapping, repositoryCredential, rows] = await Promise.all([
    actor.id === null ? undefined : store.mappings.find(repository.id, actor.id),
    repository.credentialId === null ? undefined : store.credentials.findById(repository.credentialId),
    store.urlPrefixes.findByPrefixes(urlPrefixKeysOf(repository.url)),
  ]);
  const templates: CredentialFacts["templates"] = [];
  for (const row of rows) {
    const credential = await store.credentials.findById(row.credentialId);
    if (credential) templates.push({ credential, prefix: row.prefix });
  }
  return { mapping: mapping && (await store.credentials.findById(mapping.credentialId)), repositoryCredential, templates };
}

/**
 * The credential serving `actor`'s use of `repository` under the one rule (see chooseCredential), or undefined.
 * @throws ConflictError `CREDENTIAL_AMBIGUOUS`
 */
export async function findCredentialForUse(
  deps: Pick<CoreDeps, "store">,
  actor: Actor,
  repository: Repository,
): Promise<CredentialChoice | undefined> {
  return chooseCredential(actor, repository, await credentialFacts(deps, actor, repository));
}

/**
 * Like findCredentialForUse, refusing when nothing serves the caller, with what to do.
 * @throws AuthError `CREDENTIAL_UNAVAILABLE`; ConflictError `CREDENTIAL_AMBIGUOUS`
 */
export async function credentialForUse(deps: Pick<CoreDeps, "store">, actor: Actor, repository: Repository): Promise<CredentialChoice> {
  const choice = await findCredentialForUse(deps, actor, repository);
  if (choice) return choice;
  throw new AuthError(
    "forbidden",
    "CREDENTIAL_UNAVAILABLE",
    `No credential you may use serves ${repository.name}: ` +
      (repository.credentialId === null ? "it has no credential of its own" : "its credential is not one you may use") +
      ` and no URL-prefix template matches ${repository.url}; map one of yours with ` +
      `\`repolink repo map ${repository.name} --credential NAME\`.`,
  );
}

/**
 * The rule for many repositories at once (git's helper without a path, listings): the caller's mappings, every
 * credential and every template read once, then decided in memory.
 * @returns a function giving each repository's choice (it throws `CREDENTIAL_AMBIGUOUS` like chooseCredential)
 */
export async function credentialFactsForMany(
  deps: Pick<CoreDeps, "store">,
  actor: Actor,
  repositories: Repository[],
): Promise<(repository: Repository) => CredentialChoice | undefined> {
  const [mappings, credentials, templates] = await Promise.all([
    actor.id === null || repositories.length === 0 ? [] : deps.store.mappings.listByUser(actor.id),
    deps.store.credentials.list(),
    deps.store.urlPrefixes.list(),
  ]);
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const mapped = new Map(mappings.map((m) => [m.repositoryId, byId.get(m.credentialId)]));
  const byPrefix = new Map<string, { credential: Credential; prefix: string }[]>();
  for (const t of templates) {
    const credential = byId.get(t.credentialId);
    if (credential) byPrefix.set(t.prefix, [...(byPrefix.get(t.prefix) ?? []), { credential, prefix: t.prefix }]);
  }
  return (repository) =>
    chooseCredential(actor, repository, {
      mapping: mapped.get(repository.id),
      repositoryCredential: repository.credentialId === null ? undefined : byId.get(repository.credentialId),
      templates: urlPrefixKeysOf(repository.url).flatMap((key) => byPrefix.get(key) ?? []),
    });
}
