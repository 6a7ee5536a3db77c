import { z } from "@hono/zod-openapi";
import { bulkActions } from "../../shared/bulk-actions.ts";
import { checkStepStatuses, connectionStatuses } from "../../shared/check-statuses.ts";

/** One step of a connection check; `warning` still works (the check is then `degraded`). */
export const checkStepSchema = z
  .object({
    name: z.string(),
    status: z.enum(checkStepStatuses),
    code: z.string().nullable(),
    message: z.string(),
    remedy: z.string().nullable(),
  })
  .openapi("CheckStep");

const finishedStatus = z.enum(connectionStatuses).exclude(["unchecked"]);

/** A finished connection check: the overall status, its reason and every step. */
export const connectionReportSchema = z
  .object({
    status: finishedStatus,
    reasonCode: z.string().nullable(),
    message: z.string(),
    remedy: z.string().nullable(),
    at: z.string(),
    steps: z.array(checkStepSchema),
  })
  .openapi("ConnectionReport");

/** One UTC day of a repository's status history. */
export const dayStatusSchema = z.object({ date: z.string(), status: z.enum(connectionStatuses).nullable() }).openapi("DayStatus");

/** What the API shows of a registered repository. */
export const repositoryViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    host: z.string(),
    /** Its path on the host (`owner/name` on GitHub, any depth elsewhere); `host:path` names it exactly. */
    path: z.string(),
    owner: z.string(),
    repo: z.string(),
    url: z.string(),
    protocol: z.enum(["https", "ssh"]),
    credential: z.string().nullable(),
    needs: z.enum(["push", "pull"]),
    defaultBranch: z.string().nullable(),
    /** The host's default branch at the last check, kept apart from the branch in use (never overwrites it). */
    hostDefaultBranch: z.string().nullable(),
    /** Where the last check found it after a rename or transfer (reason `REPO_MOVED`); `--follow-move` adopts it. */
    movedTo: z.object({ path: z.string(), url: z.string() }).nullable(),
    status: z.enum(connectionStatuses),
    reasonCode: z.string().nullable(),
    message: z.string().nullable(),
    remedy: z.string().nullable(),
    lastCheckedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    /** Where runners clone and push it through Repolink's Git gateway (HTTPS repositories; one repository's answer). */
    gatewayUrl: z.string().optional(),
    /**
     * Its last 30 UTC days, oldest first: each day's worst status, null before anything was known (one repository, or
     * a list asked with `history=true`).
     */
    statusByDay: z.array(dayStatusSchema).optional(),
    /** For one repository: the credential serving the caller's use under the one rule, and why; null when none does. */
    servedBy: z
      .object({ credential: z.string(), source: z.enum(["mapping", "repository", "template"]), prefix: z.string().nullable() })
      .nullable()
      .optional(),
  })
  .openapi("Repository");

/** A page of the repository list: the rows, where the next page starts (null on the last), and how many match, by status. */
export const repositoryPageSchema = z
  .object({
    items: z.array(repositoryViewSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    counts: z.object(Object.fromEntries(connectionStatuses.map((s) => [s, z.number().int()])) as Record<ConnectionStatusKey, z.ZodNumber>),
  })
  .openapi("RepositoryPage");

type ConnectionStatusKey = (typeof connectionStatuses)[number];

/** The last 30 days of each repository asked for, in the order asked (a list's sparklines, after its rows). */
export const statusHistoryListSchema = z
  .object({ items: z.array(z.object({ id: z.string(), statusByDay: z.array(dayStatusSchema) })) })
  .openapi("StatusHistoryList");

/** What a bulk action did: how many repositories it covered, acted on (re-checks started), and which it left alone. */
export const bulkResultSchema = z
  .object({
    action: z.enum(bulkActions),
    matched: z.number().int(),
    done: z.number().int(),
    skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
    /** The check started on the re-checked or switched repositories (progress: `GET /api/v1/health/cycles/{id}/progress`), or null. */
    check: z.object({ cycleId: z.string(), total: z.number().int() }).nullable(),
  })
  .openapi("BulkResult");

/** Registering or checking a repository answers the repository and the check it ran. */
export const repositoryCheckOutcomeSchema = z
  .object({ repository: repositoryViewSchema, check: connectionReportSchema })
  .openapi("RepositoryCheckOutcome");

/** One stored run of a connection check (history). */
export const repositoryCheckSchema = z
  .object({
    id: z.string(),
    repositoryId: z.string(),
    at: z.string(),
    status: z.enum(connectionStatuses),
    reasonCode: z.string().nullable(),
    steps: z.array(checkStepSchema),
  })
  .openapi("RepositoryCheck");

/** One branch; `protected` is null when only Git was asked. */
export const branchViewSchema = z.object({ name: z.string(), default: z.boolean(), protected: z.boolean().nullable() }).openapi("Branch");

/** A repository's branches, the default one marked, and where they were read from. */
export const branchListSchema = z
  .object({ defaultBranch: z.string().nullable(), source: z.enum(["api", "git"]), items: z.array(branchViewSchema) })
  .openapi("BranchList");

/** What an import did: the names registered, and the ones left alone with why. */
export const importResultSchema = z
  .object({
    created: z.array(z.string()),
    skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
    /** The check started on the registered repositories (progress: `GET /api/v1/health/cycles/{id}/progress`); null when none. */
    check: z.object({ cycleId: z.string(), total: z.number().int() }).nullable(),
  })
  .openapi("ImportResult");

/** The repositories a credential reaches, as the import picker lists them. */
export const reachableRepositoryListSchema = z
  .object({
    items: z.array(
      z.object({
        path: z.string(),
        private: z.boolean().nullable(),
        archived: z.boolean(),
        /** What the credential may do there, as the host says; null when it does not say. */
        permission: z.enum(["admin", "push", "pull"]).nullable(),
        defaultBranch: z.string().nullable(),
        /** Already registered on this host: an import skips it. */
        registered: z.boolean(),
      }),
    ),
    /** How many the credential reaches in all (before `q`). */
    total: z.number().int(),
  })
  .openapi("ReachableRepositoryList");

/** The prefilled "new token" pages of a host: classic and fine-grained. */
/** The host's token forms, prefilled for Repolink, by kind of token (GitHub: `classic`, `fineGrained`). */
export const newTokenLinksSchema = z.object({ host: z.string() }).catchall(z.string()).openapi("NewTokenLinks");

/** A page of the repository list. */
export type RepositoryPageView = z.infer<typeof repositoryPageSchema>;
/** A repository as listed or shown. */
export type RepositoryView = z.infer<typeof repositoryViewSchema>;
/** A finished connection check. */
export type ConnectionReport = z.infer<typeof connectionReportSchema>;
/** One step of a connection check. */
export type CheckStep = z.infer<typeof checkStepSchema>;
/** One stored run of a connection check. */
export type RepositoryCheckView = z.infer<typeof repositoryCheckSchema>;
/** One day of a status history. */
export type DayStatusView = z.infer<typeof dayStatusSchema>;
/** The days of several repositories at once. */
export type StatusHistoryListView = z.infer<typeof statusHistoryListSchema>;
/** One branch of a repository. */
export type BranchView = z.infer<typeof branchViewSchema>;
/** The repositories a credential reaches. */
export type ReachableRepositoryList = z.infer<typeof reachableRepositoryListSchema>;
/** What an import did. */
export type ImportResult = z.infer<typeof importResultSchema>;
/** Registering or checking a repository answers this. */
export type RepositoryCheckOutcome = z.infer<typeof repositoryCheckOutcomeSchema>;
