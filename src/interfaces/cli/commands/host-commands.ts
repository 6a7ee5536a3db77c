import type { Command } from "commander";
import { commandContext } from "../command-context.ts";
import { formatTable, printResult } from "../output.ts";
import { readSecretFile } from "../read-secret.ts";

/** `repolink host add|list|update|remove|token-url`. */
export function registerHostCommands(program: Command): void {
  const host = program.command("host").description("Git hosting servers Repolink may contact");
  host
    .command("add")
    .description("Register a GitHub Enterprise Server, or with --kind git any Git server")
    .option("--kind <kind>", "github (GitHub Enterprise Server) or git (any Git server over HTTPS or SSH)", "github")
    .requiredOption("--name <name>", "a short name, e.g. ghe.example.com")
    .requiredOption("--url <url>", "the web URL, e.g. https://ghe.example.com")
    .option("--api-url <url>", "GitHub only: the REST API URL (default <url>/api/v3)")
    .option("--graphql-url <url>", "GitHub only: the GraphQL URL (default <url>/api/graphql)")
    .option("--ca-file <file>", "PEM CA bundle to trust for this host")
    .option("--ssh-known-hosts-file <file>", "pinned SSH host keys (ssh-keyscan output) for SSH URLs")
    .option("--allow-private-network", "allow private, loopback and link-local addresses for this host")
    .action(async (opts: Record<string, string | boolean | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("POST /hosts", {
        body: {
          kind: String(opts.kind),
          name: String(opts.name),
          url: String(opts.url),
          ...(typeof opts.apiUrl === "string" ? { apiUrl: opts.apiUrl } : {}),
          ...(typeof opts.graphqlUrl === "string" ? { graphqlUrl: opts.graphqlUrl } : {}),
          ...(typeof opts.caFile === "string" ? { caBundle: readSecretFile(opts.caFile, "ca-file") } : {}),
          ...(typeof opts.sshKnownHostsFile === "string"
            ? { sshKnownHosts: readSecretFile(opts.sshKnownHostsFile, "ssh-known-hosts-file") }
            : {}),
          allowPrivateNetwork: opts.allowPrivateNetwork === true,
        },
      });
      const added = result.host;
      printResult(json, added, () =>
        added.apiUrl ? `Added host ${added.name} (API ${added.apiUrl}).` : `Added Git host ${added.name} (${added.url}).`,
      );
    });
  host
    .command("list")
    .description("List known hosts")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.call("GET /hosts", {});
      printResult(json, items, () =>
        formatTable(
          ["NAME", "KIND", "URL", "API", "PRIVATE NETWORK"],
          items.map((h) => [h.name, h.kind, h.url, h.apiUrl ?? "-", h.allowPrivateNetwork ? "allowed" : "refused"]),
        ),
      );
    });

  host
    .command("update <name>")
    .description("Fix a host in place (what is not given stays)")
    .option("--url <url>", "the web URL (only while no repository is registered on the host)")
    .option("--api-url <url>", "GitHub only: the REST API URL")
    .option("--graphql-url <url>", "GitHub only: the GraphQL URL")
    .option("--ca-file <file>", "PEM CA bundle to trust for this host")
    .option("--no-ca", "trust the system's CAs only (removes the CA bundle)")
    .option("--ssh-known-hosts-file <file>", "pinned SSH host keys (ssh-keyscan output)")
    .option("--allow-private-network", "allow private, loopback and link-local addresses for this host")
    .option("--no-allow-private-network", "refuse them again")
    .action(async (name: string, opts: Record<string, string | boolean | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("PATCH /hosts/{name}", {
        params: { name },
        body: {
          ...(typeof opts.url === "string" ? { url: opts.url } : {}),
          ...(typeof opts.apiUrl === "string" ? { apiUrl: opts.apiUrl } : {}),
          ...(typeof opts.graphqlUrl === "string" ? { graphqlUrl: opts.graphqlUrl } : {}),
          ...(typeof opts.caFile === "string" ? { caBundle: readSecretFile(opts.caFile, "ca-file") } : {}),
          ...(opts.ca === false ? { caBundle: null } : {}),
          ...(typeof opts.sshKnownHostsFile === "string"
            ? { sshKnownHosts: readSecretFile(opts.sshKnownHostsFile, "ssh-known-hosts-file") }
            : {}),
          ...(typeof opts.allowPrivateNetwork === "boolean" ? { allowPrivateNetwork: opts.allowPrivateNetwork } : {}),
        },
      });
      const h = result.host;
      const network = h.allowPrivateNetwork ? "allowed" : "refused";
      printResult(json, h, () => `Updated host ${h.name}: ${h.url}, private network ${network}${h.hasCaBundle ? ", own CA" : ""}.`);
    });

  host
    .command("remove <name>")
    .description("Remove a host that no credential or repository uses")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      await api.call("DELETE /hosts/{name}", { params: { name } });
      printResult(json, { removed: name }, () => `Removed host ${name}.`);
    });

  host
    .command("token-url <name>")
    .description("Print GitHub's token form prefilled for Repolink (classic and fine-grained)")
    .option("--owner <owner>", "fine-grained: the user or organization that will own the token")
    .action(async (name: string, opts: { owner?: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const links = await api.call("GET /hosts/{name}/new-token-url", { params: { name }, query: { owner: opts.owner } });
      printResult(
        json,
        links,
        () => `Classic token (scope repo):\n  ${links.classic}\nFine-grained token (Contents read and write):\n  ${links.fineGrained}`,
      );
    });
}
