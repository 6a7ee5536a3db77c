import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findVisibleCredential } from "../credentials/credential-access.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError, InputError } from "../errors.ts";
import { checkNeeds } from "./check-repository-fields.ts";
import { parseRepoUrl } from "./parse-repo-url.ts";
import { type Repository, unlearntHostFacts } from "./repository.ts";

/** What an import did: the names registered, and the ones left alone with why. */
export interface ImportResult {
  created: string[];
  skipped: { name: string; reason: string }[];
}

const ownerPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const MAX_IMPORT = 1000;

/**
 * Registers every repository the credential's token can reach on its host (optionally of
 * one owner) that is not registered yet; their checks are left for later (`unchecked`).
 * @throws NotFoundError `CREDENTIAL_NOT_FOUND`; InputError `OWNER_INVALID`, `IMPORT_NEEDS_TOKEN`, `IMPORT_UNSUPPORTED`, `HOST_UNKNOWN`;
 * UpstreamError from the host
 */
export async function importRepositories(
  deps: CoreDeps,
  actor: Actor,
  input: { credential: string; owner?: string; needs?: string },
): Promise<ImportResult> {
  if (input.owner !== undefined && !ownerPattern.test(input.owner))
    throw new InputError("OWNER_INVALID", "owner must be a GitHub user or organization name.", "owner");
  const needs = checkNeeds(input.needs);
  const credential = await findVisibleCredential(deps, actor, input.credential);
  if (credential.kind === "ssh-key")
    throw new InputError(
      "IMPORT_NEEDS_TOKEN",
      "Importing asks the host's API, which needs a token credential, not an SSH key.",
      "credential",
    );
  const host = await deps.store.hosts.findByName(credential.hostName);
  if (!host) throw new InputError("HOST_UNKNOWN", `The credential's host ${credential.hostName} is no longer registered.`, "credential");
  const integration = deps.integrations.get(host.kind);
  const listing = integration.listing;
  if (!listing)
    throw new InputError(
      "IMPORT_UNSUPPORTED",
      `${integration.label} hosts cannot list the repositories a credential reaches; register each with \`repolink repo add\`.`,
      "credential",
    );
  const secret = await openCredentialSecret(
    deps,
    actor,
    credential,
    input.owner ? `import repositories of ${input.owner}` : "import repositories",
  );
  const auth = await deps.credentials.apiAuthFor({ credential, secret, host });
  if (!auth) throw new InputError("IMPORT_NEEDS_TOKEN", "Importing needs a token credential.", "credential");
  const found = await listing.listReachable(host, auth, input.owner);
  const existing = await deps.store.repositories.list();
  const keyOf = (hostName: string, path: string) => `${hostName}/${path}`.toLowerCase();
  const known = new Set(existing.map((r) => keyOf(r.hostName, `${r.owner}/${r.repo}`)));
  // Names are derived: the path, or HOST:PATH when the path is held (or named) on another host already.
  const names = new Set(existing.flatMap((r) => [r.name.toLowerCase(), r.path.toLowerCase()]));
  const result: ImportResult = { created: [], skipped: [] };
  const now = deps.now().toISOString();
  await deps.store.transaction(async (store) => {
    for (const info of found.slice(0, MAX_IMPORT)) {
      const name = names.has(info.path.toLowerCase()) ? `${host.name}:${info.path}` : info.path;
      if (known.has(keyOf(host.name, info.path))) {
        result.skipped.push({ name: info.path, reason: "already registered" });
        continue;
      }
      let parsed;
      try {
        parsed = parseRepoUrl(`${host.webUrl}/${info.path}.git`, [host]);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ name, reason: error.message });
        continue;
      }
      const repository: Repository = {
        id: deps.newId(),
        name,
        hostName: host.name,
        path: parsed.path,
        owner: parsed.owner,
        repo: parsed.repo,
        url: parsed.cleanUrl,
        protocol: parsed.protocol,
        credentialId: credential.id,
        defaultBranch: info.defaultBranch,
        ...unlearntHostFacts,
        needs,
        status: "unchecked",
        reasonCode: null,
        message: null,
        remedy: null,
        lastCheckedAt: null,
        createdBy: actor.username,
        createdAt: now,
      };
      await store.repositories.insert(repository);
      known.add(keyOf(host.name, info.path));
      names.add(name.toLowerCase());
      names.add(info.path.toLowerCase());
      result.created.push(name);
    }
    if (found.length > MAX_IMPORT)
      result.skipped.push({ name: `${found.length - MAX_IMPORT} more`, reason: `an import registers at most ${MAX_IMPORT} repositories` });
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.import",
      targetType: "credential",
      targetId: credential.id,
      targetName: credential.name,
      detail: { owner: input.owner ?? null, created: result.created.length, skipped: result.skipped.length },
    });
  });
  return result;
}
