import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { commandContext } from "../command-context.ts";
import { formatTable, printResult } from "../output.ts";

type RepositoryView = Record<string, unknown> & { name: string; status: string };
type Step = { name: string; status: string; message: string; remedy: string | null };
type Report = { status: string; reasonCode: string | null; message: string; remedy: string | null; steps: Step[] };

const marks: Record<string, string> = { passed: "✓", failed: "✗", warning: "!", skipped: "–" };
/** A repository's API path; `ref` is its id, name, path or HOST:PATH (`plain:acme/web`), which always names one. */
const path = (ref: string): string => `/repositories/${encodeURIComponent(ref)}`;

function describe(r: RepositoryView): string {
  return [
    `name:          ${r.name}`,
    `url:           ${String(r.url)}   (host ${String(r.host)})`,
    `credential:    ${String(r.credential ?? "-")}   needs: ${String(r.needs)}   branch: ${String(r.defaultBranch ?? "-")}`,
    `status:        ${r.status}${r.reasonCode ? ` [${String(r.reasonCode)}]` : ""}${r.lastCheckedAt ? `   checked ${String(r.lastCheckedAt)}` : ""}`,
    ...(r.message ? [`               ${String(r.message)}`] : []),
    ...(r.remedy ? [`               → ${String(r.remedy)}`] : []),
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
      if (opts.needs !== "push" && opts.needs !== "pull")
        throw new CliError("NEEDS_INVALID", "--needs must be push or pull.", exitCodes.usage, { field: "needs" });
      const body = {
        url: opts.url,
        credential: opts.credential,
        needs: opts.needs,
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.branch ? { branch: opts.branch } : {}),
      };
      const result = await api.request<{ repository: RepositoryView; check: Report }>("POST", "/repositories", body);
      printResult(
        json,
        result,
        () =>
          `Registered ${result.repository.name} (${String(result.repository.url)}).\n${describeCheck(result.repository.name, result.check)}`,
      );
      exitForReport(result.check);
    });

  repo
    .command("list")
    .description("List the repositories you may see")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.request<{ items: RepositoryView[] }>("GET", "/repositories");
      printResult(json, items, () =>
        formatTable(
          ["NAME", "HOST", "CREDENTIAL", "NEEDS", "STATUS", "REASON", "CHECKED"],
          items.map((r) => [
            r.name,
            String(r.host),
            r.credential as string | null,
            String(r.needs),
            r.status,
            r.reasonCode as string | null,
            (r.lastCheckedAt as string | null)?.slice(0, 19),
          ]),
        ),
      );
    });

  repo
    .command("show <repository>")
    .description("Show one repository and its last check")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { repository } = await api.request<{ repository: RepositoryView }>("GET", path(ref));
      printResult(json, repository, () => describe(repository));
    });

  repo
    .command("validate <repository>")
    .description("Check a repository's connection now, step by step (exit 4 when failing)")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.request<{ repository: RepositoryView; check: Report }>("POST", `${path(ref)}/validate`);
      printResult(json, result, () => describeCheck(result.repository.name, result.check));
      exitForReport(result.check);
    });

  repo
    .command("branches <repository>")
    .description("List a repository's branches (the default one marked *)")
    .action(async (ref: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.request<{
        defaultBranch: string | null;
        source: string;
        items: { name: string; default: boolean; protected: boolean | null }[];
      }>("GET", `${path(ref)}/branches`);
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
      await api.request("DELETE", path(ref));
      printResult(json, { removed: ref }, () => `Removed repository "${ref}".`);
    });

  repo
    .command("import")
    .description("Register every repository a credential's token can reach")
    .requiredOption("--credential <name>", "a token credential")
    .option("--owner <owner>", "only the repositories of this user or organization")
    .action(async (opts: { credential: string; owner?: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.request<{ created: string[]; skipped: { name: string; reason: string }[] }>("POST", "/repositories/import", {
        credential: opts.credential,
        ...(opts.owner ? { owner: opts.owner } : {}),
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
