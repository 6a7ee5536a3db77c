import type { Command } from "commander";
import { wantsJson } from "../command-context.ts";

/** `repolink backup` and `repolink restore`, run on the server machine. */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("Copy the live SQLite database to a file while the server runs (ciphertext only; keep the master key apart)")
    .requiredOption("--out <file>", "where to write the backup (a new file, mode 0600)")
    .option("--data-dir <dir>", "the server's data dir (default ./data)")
    .action(async (opts: { out: string; dataDir?: string }, command: Command) => {
      const { backup } = await import("../actions/backup.ts");
      await backup({ out: opts.out, json: wantsJson(command), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
    });

  program
    .command("restore")
    .description("Put a backup in place as the data dir's database, with the server stopped")
    .requiredOption("--in <file>", "the backup to restore")
    .option("--data-dir <dir>", "the data dir to restore into (default ./data)")
    .option("--force", "replace the database of a data dir that is not empty")
    .action(async (opts: { in: string; dataDir?: string; force?: boolean }, command: Command) => {
      const { restore } = await import("../actions/restore.ts");
      await restore({
        in: opts.in,
        force: opts.force === true,
        json: wantsJson(command),
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      });
    });
}
