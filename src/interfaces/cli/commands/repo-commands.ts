import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { commandContext } from "../command-context.ts";
import { formatTable, printResult, terminalFit } from "../output.ts";
import { everyPage, onePage, pageSize } from "../repository-pages.ts";
import { collectOption } from "../collect-option.ts";
import { followCycle } from "../follow-cycle.ts";
import { importSummary } from "../import-summary.ts";

import type { ConnectionReport as Report, RepositoryView } from "../../../contract/views/repository-views.ts";

const marks: Record<string, string> = { passed: "✓", failed: "✗", warning: "!", skipped: "–" };

function describe(r: RepositoryView): string {
  return [
    `name:          ${r.name}`,
    `url:           ${r.url}   (host ${r.host})`,
    ...(r.gatewayUrl ? [`gateway:       ${r.gatewayUrl}`] : []),
    `credential:    ${r.credential ?? "-"}   needs: ${r.needs}   branch: ${r.defaultBranch ?? "-"}${hostBranchNote(r)}`,
    ...(r.movedTo ? [`moved to:      ${r.movedTo.path} (${r.movedTo.url}) — adopt it: repolink repo update ${r.name} --follow-move`] : []),
    ...(r.servedBy === undefined ? [] : [`yours:         ${servedBy(r)}`]),
    `status:        ${r.status}${r.reasonCode ? ` [${r.reasonCode}]` : ""}${r.lastCheckedAt ? `   checked ${r.lastCheckedAt}` : ""}`,
    ...(r.message ? [`               ${r.message}`] : []),
    ...(r.remedy ? [`               → ${r.remedy}`] : []),
  ].join("\n");
}

/** The host's default branch when it is not the branch in use (changed on the host, or another was chosen). */
function hostBranchNote(r: RepositoryView): string {
  return r.hostDefaultBranch !== null && r.hostDefaultBranch !== r.defaultBranch ? `   (the host's default: ${r.hostDefaultBranch})` : "";
}

/** Which credential serves the caller's use, and why (the one rule). */
function servedBy(r: RepositoryView): string {
  const s = r.servedBy;
  if (!s) return "no credential you may use (map one: repolink repo map R --credential N)";
  const why =
    s.source === "template" ? `the URL-prefix template ${s.prefix ?? ""}` : s.source === "mapping" ? "your mapping" : "the repository's";
  return `${s.credential} (${why})`;
}

function describeCheck(name: string, report: Report): string {
  const lines = report.steps.map(
    (s) => `  ${marks[s.status] ?? "?"} ${s.name.padEnd(11)} ${s.message}${s.remedy ? `\n                → ${s.remedy}` : ""}`,
  );
  const reason = report.reasonCode ? ` [${report.reasonCode}]` : "";
  return [`${name}: ${report.status}${reason}`, ...lines].join("\n");
}

/** Exit code 4 when the connection check ran and found the connection failing (PRODUCT.md). */
function exitForReport(report: Report): void {
  if (report.status === "failing") process.exitCode = exitCodes.checkFailing;
}

/** `repolink repo …`: repositories and their connection checks. */
export function registerRepoCommands(program: Command): void {
  const repo = program.command("repo").description("Register repositories and check their connections");

  repo
    .command("add")
    .description("Register a repository (HTTPS or SSH URL on a known host) and check its connection")
    .requiredOption("--url <url>", "https://HOST/OWNER/REPO.git, ssh://git@HOST/OWNER/REPO.git or git@HOST:OWNER/REPO.git")
    .option("--credential <name>", "the credential to use, bound to the URL's host (default: the matching URL-prefix template)")
    .option("--branch <branch>", "the branch to use by default")
    .option("--needs <access>", "push or pull", "push")
    .action(async (opts: Record<string, string | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      const needs = opts.needs;
      if (needs !== "push" && needs !== "pull")
        throw new CliError("NEEDS_INVALID", "--needs must be push or pull.", exitCodes.usage, { field: "needs" });
      const result = await api.call("POST /repositories", {
        body: {
          url: opts.url ?? "",
          needs,
          ...(opts.credential ? { credential: opts.credential } : {}),
          ...(opts.branch ? { branch: opts.branch } : {}),
        },
      });
      printResult(
        json,
        result,
        () =>
          `Registered ${result.repository.name} (${result.repository.url}), credential ${servedBy(result.repository)}.\n` +
          describeCheck(result.repository.name, result.check),
      );
      exitForReport(result.check);
    });

  repo
    .command("list")
    .description("List the repositories you may see (every one, or a page with --limit)")
    .option("--query <text>", "only names containing this text (ignoring case)")
    .option("--status <status>", "only this status: connected, degraded, failing or unchecked (several: failing,degraded)")
    .option("--credential <name>", "only the repositories using this credential")
    .option("--host <name>", "only the repositories on this host")
    .option("--owner <owner>", "only the repositories of this owner (namespace)")
    .option("--sort <order>", "name (default), status (failing first), checked (never checked first); -name, -checked reverse")
    .option("--limit <n>", "show one page of this many (1–1000); the next page's --cursor goes to stderr")
    .option("--cursor <cursor>", "the page after the one that printed it")
    .action(async (opts: Record<string, string | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      const query = {
        ...(opts.query ? { q: opts.query } : {}),
        ...(opts.status ? { status: opts.status } : {}),
        ...(opts.credential ? { credential: opts.credential } : {}),
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.owner ? { owner: opts.owner } : {}),
        ...(opts.sort ? { sort: opts.sort } : {}),
      };
      const items = opts.limit
        ? await onePage(api, { ...query, limit: pageSize(opts.limit), ...(opts.cursor ? { cursor: opts.cursor } : {}) })
        : await everyPage(api, query, opts.cursor);
      printResult(json, items, () =>
        formatTable(
          ["NAME", "HOST", "CREDENTIAL", "NEEDS", "STATUS", "REASON", "CHECKED"],
          items.map((r) => [r.name, r.host, r.credential, r.needs, r.status, r.reasonCode, r.lastCheckedAt?.slice(0, 19)]),
          terminalFit([0, 5, 2]),
        ),
      );
    });

  repo
    .command("show <repository>")
    .description("Show one repository and its last check")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { repository } = await api.call("GET /repositories/{ref}", { params: { ref } });
      printResult(json, repository, () => describe(repository));
    });

  repo
    .command("validate <repository>")
    .description("Check a repository's connection now, step by step (exit 4 when failing)")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("POST /repositories/{ref}/validate", { params: { ref } });
      printResult(json, result, () => describeCheck(result.repository.name, result.check));
      exitForReport(result.check);
    });

  repo
    .command("branches <repository>")
    .description("List a repository's branches (the default one marked *)")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("GET /repositories/{ref}/branches", { params: { ref } });
      printResult(
        json,
        result,
        () =>
          result.items.map((b) => `${b.default ? "*" : " "} ${b.name}${b.protected ? "  (protected)" : ""}`).join("\n") || "(no branches)",
      );
    });

  repo
    .command("update <repository>")
    .description(
      "Switch a repository's credential or what it needs, then check its connection (exit 4 when failing); " +
        "--follow-move adopts the new name and URL after a rename or transfer",
    )
    .option("--credential <name>", "the credential to use, bound to the repository's host")
    .option("--needs <access>", "push or pull")
    .option("--follow-move", "adopt where its last check found it (reason REPO_MOVED); history is kept")
    .action(async (ref: string, opts: { credential?: string; needs?: string; followMove?: boolean }, command: Command) => {
      const { json, api } = commandContext(command);
      const needs = opts.needs;
      if (needs !== undefined && needs !== "push" && needs !== "pull")
        throw new CliError("NEEDS_INVALID", "--needs must be push or pull.", exitCodes.usage, { field: "needs" });
      if (opts.followMove) {
        if (opts.credential !== undefined || needs !== undefined)
          throw new CliError(
            "INPUT_INVALID",
            "--follow-move goes alone: change the credential or needs in a second update.",
            exitCodes.usage,
            {
              field: "follow-move",
            },
          );
        const moved = await api.call("POST /repositories/{ref}/follow-move", { params: { ref } });
        printResult(
          json,
          moved,
          () => `${ref} is now ${moved.repository.name} (${moved.repository.url}).\n` + describeCheck(moved.repository.name, moved.check),
        );
        exitForReport(moved.check);
        return;
      }
      if (opts.credential === undefined && needs === undefined)
        throw new CliError("REPOSITORY_UPDATE_EMPTY", "Nothing to change: give --credential, --needs, --follow-move.", exitCodes.usage, {
          field: "credential",
        });
      const result = await api.call("PATCH /repositories/{ref}", {
        params: { ref },
        body: { ...(opts.credential ? { credential: opts.credential } : {}), ...(needs ? { needs } : {}) },
      });
      printResult(
        json,
        result,
        () =>
          `Updated ${result.repository.name}: credential ${result.repository.credential ?? "-"}, needs ${result.repository.needs}.\n` +
          describeCheck(result.repository.name, result.check),
      );
      exitForReport(result.check);
    });

  repo
    .command("map <repository>")
    .description("Use a credential of your own for a repository (when you or your tokens act on it)")
    .requiredOption("--credential <name>", "your credential (private or global), bound to the repository's host")
    .action(async (ref: string, opts: { credential: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("PUT /mappings/{ref}", { params: { ref }, body: { credential: opts.credential } });
      printResult(json, result, () => `${result.repository} now uses your credential ${result.credential} when you or your tokens act.`);
    });

  repo
    .command("unmap <repository>")
    .description("Stop using your own credential for a repository")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      await api.call("DELETE /mappings/{ref}", { params: { ref } });
      printResult(json, { unmapped: ref }, () => `Removed your mapping for ${ref}.`);
    });

  repo
    .command("remove <repository>")
    .description("Unregister a repository")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      await api.call("DELETE /repositories/{ref}", { params: { ref } });
      printResult(json, { removed: ref }, () => `Removed repository "${ref}".`);
    });

  repo
    .command("import")
    .description("Register the repositories a credential's token can reach (all, one owner's, or those named), then check them at once")
    .requiredOption("--credential <name>", "a token credential")
    .option("--owner <owner>", "only the repositories of this user or organization")
    .option("--repository <path>", "only this one, OWNER/NAME (repeatable)", collectOption, [])
    .option("--needs <access>", "push or pull (archived or read-only repositories are skipped when push is needed)", "push")
    .option("--no-wait", "return once registered; the check goes on in the background")
    .action(async (opts: { credential: string; owner?: string; repository: string[]; needs: string; wait: boolean }, command: Command) => {
      const { json, api } = commandContext(command);
      const needs = opts.needs;
      if (needs !== "push" && needs !== "pull")
        throw new CliError("NEEDS_INVALID", "--needs must be push or pull.", exitCodes.usage, { field: "needs" });
      const result = await api.call("POST /repositories/import", {
        body: {
          credential: opts.credential,
          needs,
          ...(opts.owner ? { owner: opts.owner } : {}),
          ...(opts.repository.length > 0 ? { repositories: opts.repository } : {}),
        },
      });
      const checked = result.check && opts.wait ? await followCycle(api, result.check.cycleId) : null;
      printResult(json, checked ? { ...result, checked } : result, () => importSummary(result, checked));
    });
}
