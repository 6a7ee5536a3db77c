import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { commandContext } from "../command-context.ts";
import { formatTable, printResult, terminalFit } from "../output.ts";
import { readStdin } from "../read-secret.ts";

// Values from core, not the contract: the contract's zod schemas would load with this command.
import type { WebhookDeliveryView as DeliveryView } from "../../../contract/views/webhook-views.ts";
import { webhookEventFilters, webhookEvents, webhookSecretRule } from "../../../core/notifications/webhook.ts";

function deliveryRows(items: DeliveryView[]): string {
  return formatTable(
    ["TIME", "EVENT", "STATUS", "ATTEMPTS", "HTTP", "OUTCOME", "ID"],
    items.map((d) => [d.createdAt, d.event, d.status, d.attempt, d.responseStatus ?? "-", d.outcome, d.id]),
    terminalFit([5]),
  );
}

/** `--events a,b`: each must be one of the fixed list (or *). */
function parseEvents(text: string): string[] {
  const events = text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const unknown = events.find((e) => !(webhookEventFilters as readonly string[]).includes(e));
  if (events.length === 0 || unknown !== undefined)
    throw new CliError(
      "WEBHOOK_EVENTS_INVALID",
      `--events: ${unknown === undefined ? "name at least one event" : `"${unknown.slice(0, 64)}" is not an event Repolink sends`}; ` +
        `choose from ${webhookEvents.join(", ")} (or * for all).`,
      exitCodes.usage,
      { field: "events" },
    );
  return events;
}

/** `repolink webhook add|list|remove|deliveries|test`: outgoing, signed notifications. */
export function registerWebhookCommands(program: Command): void {
  const webhook = program.command("webhook").description("Outgoing webhooks signed with HMAC-SHA256 (admins)");
  webhook
    .command("add")
    .description("Add a webhook; its signing secret is read from stdin, never from a flag")
    .requiredOption("--name <name>", "a name to refer to it by")
    .requiredOption("--url <url>", "where deliveries are POSTed")
    .option("--secret-stdin", `read the signing secret from stdin (${webhookSecretRule})`)
    .option("--events <list>", `comma-separated: ${webhookEvents.join(", ")}; or * (the default) for all`)
    .option("--allow-private-network", "allow private, loopback and link-local addresses for this webhook")
    .action(async (opts: Record<string, string | boolean | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      if (!opts.secretStdin)
        throw new CliError(
          "SECRET_REQUIRED",
          "Pass the signing secret on stdin with --secret-stdin (never as a flag value).",
          exitCodes.usage,
          { field: "secret" },
        );
      const events = typeof opts.events === "string" ? parseEvents(opts.events) : undefined;
      const result = await api.call("POST /webhooks", {
        body: {
          name: String(opts.name),
          url: String(opts.url),
          secret: await readStdin("secret"),
          ...(events ? { events } : {}),
          allowPrivateNetwork: opts.allowPrivateNetwork === true,
        },
      });
      const w = result.webhook;
      printResult(json, w, () => `Added webhook "${w.name}" → ${w.url} (secret ${w.secretPreview}; events ${w.events.join(", ")}).`);
    });
  webhook
    .command("list")
    .description("List webhooks")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.call("GET /webhooks", {});
      printResult(json, items, () =>
        formatTable(
          ["NAME", "URL", "EVENTS", "SECRET", "PRIVATE NETWORK", "ACTIVE"],
          items.map((w) => [
            w.name,
            w.url,
            w.events.join(","),
            w.secretPreview,
            w.allowPrivateNetwork ? "allowed" : "refused",
            w.active ? "yes" : "no",
          ]),
        ),
      );
    });
  webhook
    .command("remove <name>")
    .description("Remove a webhook and its delivery log")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      await api.call("DELETE /webhooks/{ref}", { params: { ref: name } });
      printResult(json, { removed: name }, () => `Removed webhook "${name}".`);
    });
  webhook
    .command("deliveries <name>")
    .description("Show a webhook's deliveries, newest first: time, event, status, attempts, last HTTP status and outcome")
    .option("--limit <n>", "how many", "50")
    .option("--cursor <cursor>", "continue after the page that printed it")
    .action(async (name: string, opts: { limit: string; cursor?: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const page = await api.call("GET /webhooks/{ref}/deliveries", {
        params: { ref: name },
        query: { limit: opts.limit, ...(opts.cursor ? { cursor: opts.cursor } : {}) },
      });
      // --json stays the array it always was; where the next page starts goes to stderr.
      printResult(json, page.items, () => (page.items.length === 0 ? `No deliveries to "${name}" yet.` : deliveryRows(page.items)));
      if (page.nextCursor) process.stderr.write(`Older deliveries: --cursor ${page.nextCursor}\n`);
    });
  webhook
    .command("test <name>")
    .description("Send a ping to a webhook now and report what the receiver answered (exit 1 unless delivered)")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { delivery } = await api.call("POST /webhooks/{ref}/test", { params: { ref: name } });
      printResult(json, delivery, () => `Test ping to "${name}": ${delivery.outcome}`);
      if (delivery.status !== "delivered") process.exitCode = exitCodes.failure;
    });
}
