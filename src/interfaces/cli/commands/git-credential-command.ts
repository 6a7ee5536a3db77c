import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { answerGatewayCredential } from "../answer-gateway-credential.ts";
import { commandContext } from "../command-context.ts";

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * `repolink git-credential get|store|erase`: git's credential helper protocol.
 * Use with `git config credential.helper '!repolink git-credential'`.
 */
export function registerGitCredentialCommand(program: Command): void {
  program
    .command("git-credential <operation>")
    .description("git credential helper: answers git with the stored token of a registered repository")
    .action(async (operation: string, _opts: unknown, command: Command) => {
      if (!["get", "store", "erase"].includes(operation)) {
        throw new CliError("OPERATION_INVALID", "operation must be get, store or erase.", exitCodes.usage, { field: "operation" });
      }
      const input = await readAllStdin();
      // git hands every helper what it just used; Repolink keeps its own copy, so nothing to store.
      if (operation === "store") return;
      const { api, settings } = commandContext(command);
      // The gateway on this very server takes the API token itself: no round trip, no stored secret.
      const own = answerGatewayCredential(input, settings);
      if (own !== null) {
        if (operation === "get") process.stdout.write(own);
        return;
      }
      if (operation === "erase") {
        await api.call("POST /git-credential/erase", { body: { input } });
        return;
      }
      const { answer, reason } = await api.call("POST /git-credential/get", { body: { input } });
      if (answer) process.stdout.write(answer);
      // git shows a helper's stderr: say why there is no answer instead of failing silently.
      else if (reason) process.stderr.write(`repolink: no credential: ${reason.replace(/[^\x20-\x7e]/g, "?")}\n`);
    });
}
