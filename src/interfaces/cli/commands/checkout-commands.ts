import type { Command } from "commander";
import { commandContext } from "../command-context.ts";
import { requestGatewayAccess } from "../request-gateway-access.ts";
import { requestGitAccess } from "../request-git-access.ts";

/**
 * `repolink checkout R DIR [--ref REF] [--via-gateway]` and `repolink push DIR [--refspec S]`;
 * git and its adapter load only when one runs.
 */
export function registerCheckoutCommands(program: Command): void {
  program
    .command("checkout <repository> <dir>")
    .description("Check out a registered repository through the local mirror cache; later `git push` goes through Repolink")
    .option("--ref <ref>", "branch, tag or commit (default: the default branch)")
    .option("--via-gateway", "clone through Repolink's Git gateway with this API token: the stored token never leaves the server")
    .action(async (ref: string, dir: string, opts: { ref?: string; viaGateway?: boolean }, command: Command) => {
      const { json, api, settings } = commandContext(command);
      // The server's answer and the loading of git's adapter overlap.
      const access = opts.viaGateway ? requestGatewayAccess(api, settings, ref) : requestGitAccess(api, { repository: ref });
      access.catch(() => undefined);
      const { checkout } = await import("../actions/checkout.ts");
      await checkout(access, json, dir, opts.ref, opts.viaGateway ? "gateway" : "direct");
    });

  program
    .command("push <dir>")
    .description("Push from a working copy of a registered repository with its stored credential")
    .option("--refspec <refspec>", "what to push", "HEAD")
    .action(async (dir: string, opts: { refspec: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const { push } = await import("../actions/push.ts");
      await push(api, json, dir, opts.refspec);
    });
}
