import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { commandContext } from "../command-context.ts";
import { formatTable, printResult } from "../output.ts";

import type { ConnectionReport as Report, RepositoryView } from "../../../contract/views/repository-views.ts";

const marks: Record<string, string> = { passed: "✓", failed: "✗", warning: "!", skipped: "–" };

function describe(r: RepositoryView): string {
  return [
    `name:          ${r.name}`,
    `url:           ${r.url}   (host ${r.host})`,
    ...(r.gatewayUrl ? [`gateway:       ${r.gatewayUrl}`] : []),
    `credential:    ${r.credential ?? "-"}   needs: ${r.needs}   branch: ${r.defaultBranch ?? "-"}`,
    `status:        ${r.status}${r.reasonCode ? ` [${r.reasonCode}]` : ""}${r.lastCheckedAt ? `   checked ${r.lastCheckedAt}` : ""}`,
    ...(r.message ? [`               ${r.message}`] : []),
    ...(r.remedy ? [`               → ${r.remedy}`] : []),
  ].join("\n");
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
    .requiredOption("--credential <name>", "the credential to use; it must be bound to the URL's host")
    .option("--name <name>", "a name to refer to it by (default its path; HOST:PATH when another host's repository has that name)")
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
          credential: opts.credential ?? "",
          needs,
          ...(opts.name ? { name: opts.name } : {}),
          ...(opts.branch ? { branch: opts.branch } : {}),
        },
      });
      printResult(
        json,
        result,
        () => `Registered ${result.repository.name} (${result.repository.url}).\n${describeCheck(result.repository.name, result.check)}`,
      );
      exitForReport(result.check);
    });

  repo
    .command("list")
    .description("List the repositories you may see")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.call("GET /repositories", {});
      printResult(json, items, () =>
        formatTable(
          ["NAME", "HOST", "CREDENTIAL", "NEEDS", "STATUS", "REASON", "CHECKED"],
          items.map((r) => [r.name, r.host, r.credential, r.needs, r.status, r.reasonCode, r.lastCheckedAt?.slice(0, 19)]),
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
    .command("remove <repository>")
    .description("Unregister a repository")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      await api.call("DELETE /repositories/{ref}", { params: { ref } });
      printResult(json, { removed: ref }, () => `Removed repository "${ref}".`);
    });

  repo
    .command("import")
    .description("Register every repository a credential's token can reach")
    .requiredOption("--credential <name>", "a token credential")
    .option("--owner <owner>", "only the repositories of this user or organization")
    .action(async (opts: { credential: string; owner?: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("POST /repositories/import", {
        body: { credential: opts.credential, ...(opts.owner ? { owner: opts.owner } : {}) },
      });
      printResult(json, result, () =>
        [
          `Registered ${result.created.length}, skipped ${result.skipped.length}.`,
          ...result.created.map((n) => `  + ${n}`),
          ...result.skipped.map((s) => `  – ${s.name}: ${s.reason}`),
        ].join("\n"),
      );
    });
}
