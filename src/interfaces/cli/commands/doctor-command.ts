import type { Command } from "commander";
import { wantsJson } from "../command-context.ts";

/** `repolink doctor`, run on the server machine with the server's environment. */
export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("Print the resolved configuration (never a secret) and check the data dir, key, database and hosts")
    .option("--data-dir <dir>", "the server's data dir (default ./data, or REPOLINK_DATA_DIR)")
    .action(async (opts: { dataDir?: string }, command: Command) => {
      const { doctor } = await import("../actions/doctor.ts");
      await doctor({ json: wantsJson(command), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
    });
}
