/**
 * Ends the CLI quietly when the reader of its output goes away (`repolink repo list --json | head`): EPIPE on
 * stdout or stderr means nobody reads any more, which is not a failure of the command.
 */
export function exitOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
