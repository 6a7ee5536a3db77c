import type { Actor } from "../access/actor.ts";
import { canSeeCredential, findVisibleCredential } from "../credentials/credential-access.ts";
import type { CoreDeps } from "../deps.ts";
import { InputError } from "../errors.ts";
import { connectionStatuses, type ConnectionStatus } from "../../shared/check-statuses.ts";
import type { Credential } from "../credentials/credential.ts";
import { cursorAfter, type RepositoryFilter, type RepositorySort } from "./repository-page.ts";
import { decodeRepositoryCursor, encodeRepositoryCursor } from "./repository-cursor.ts";
import type { DayStatus } from "./daily-statuses.ts";
import type { Repository } from "./repository.ts";
import { statusHistoryOf } from "./status-history-of.ts";

/** What a caller filters a repository list by, in the API's words (names, not ids). */
export interface RepositoryListInput {
  q?: string;
  /** One status or several, comma-separated (`failing,degraded`). */
  status?: string;
  credential?: string;
  host?: string;
  owner?: string;
  /** A reason code; `-CODE` leaves those repositories out instead. */
  reason?: string;
  /** Each row with its last 30 days of statuses. */
  history?: boolean;
  sort?: RepositorySort;
  cursor?: string;
  /** Without it, every matching repository (the list as it always was). */
  limit?: number;
}

/** One page of repositories, how many match in all (by status), and where the next page starts. */
export interface RepositoryPage {
  items: { repository: Repository; credentialName: string | null; statusByDay?: DayStatus[] }[];
  nextCursor: string | null;
  total: number;
  counts: Record<ConnectionStatus, number>;
}

/** A credential's name for someone who may see it; another person's private credential stays nameless. */
export function nameIfVisible(actor: Actor, credential: Credential | undefined): string | null {
  return credential && canSeeCredential(actor, credential) ? credential.name : null;
}

/** @throws InputError `REPOSITORY_STATUS_INVALID` (field `status`) */
function statusesOf(text: string | undefined): ConnectionStatus[] | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return text.split(",").map((raw) => {
    const status = connectionStatuses.find((s) => s === raw.trim().toLowerCase());
    if (status === undefined) {
      throw new InputError("REPOSITORY_STATUS_INVALID", `status must be one or more of ${connectionStatuses.join(", ")}.`, "status");
    }
    return status;
  });
}

/**
 * The filter a list or bulk action covers; a credential is named as the actor may see it (another person's private
 * credential is not found, CVE-2022-34779).
 * @throws InputError `REPOSITORY_STATUS_INVALID`; NotFoundError `CREDENTIAL_NOT_FOUND`
 */
export async function repositoryFilterOf(
  deps: Pick<CoreDeps, "store">,
  actor: Actor,
  input: Omit<RepositoryListInput, "sort" | "cursor" | "limit" | "history">,
): Promise<RepositoryFilter> {
  const reason = input.reason?.trim();
  const statuses = statusesOf(input.status);
  const text = input.q?.trim();
  const owner = input.owner?.trim();
  return {
    ...(text ? { text } : {}),
    ...(statuses ? { statuses } : {}),
    ...(input.credential ? { credentialId: (await findVisibleCredential(deps, actor, input.credential)).id } : {}),
    ...(input.host ? { hostName: input.host.trim().toLowerCase() } : {}),
    ...(owner ? { owner } : {}),
    ...(reason ? (reason.startsWith("-") ? { notReasonCode: reason.slice(1) } : { reasonCode: reason }) : {}),
  };
}

/**
 * A page of the repository list (team records: everyone signed in sees all), filtered, sorted and paged by keyset in
 * the store; each row with its credential's name when the actor may see that credential.
 * @throws InputError `REPOSITORY_STATUS_INVALID`, `REPOSITORY_CURSOR_INVALID`; NotFoundError `CREDENTIAL_NOT_FOUND`
 */
export async function listRepositoryPage(
  deps: Pick<CoreDeps, "store" | "now">,
  actor: Actor,
  input: RepositoryListInput,
): Promise<RepositoryPage> {
  const filter = await repositoryFilterOf(deps, actor, input);
  const sort = input.sort ?? "name";
  const after = input.cursor ? decodeRepositoryCursor(input.cursor, sort) : undefined;
  const limit = input.limit ?? Number.MAX_SAFE_INTEGER;
  const [rows, counts, credentials] = await Promise.all([
    // One more than asked: whether a next page exists, without a second query.
    deps.store.repositories.listPage({ filter, sort, limit: Math.min(limit, 1_000_000) + 1, ...(after ? { after } : {}) }),
    deps.store.repositories.countByStatus(filter),
    deps.store.credentials.list(),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const history = input.history ? await statusHistoryOf(deps, page) : undefined;
  return {
    items: page.map((repository) => ({
      repository,
      credentialName: nameIfVisible(actor, repository.credentialId === null ? undefined : byId.get(repository.credentialId)),
      ...(history ? { statusByDay: history.get(repository.id) ?? [] } : {}),
    })),
    nextCursor: rows.length > limit && last ? encodeRepositoryCursor(cursorAfter(last, sort), sort) : null,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };
}
