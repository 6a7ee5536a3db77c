import { exitOnClosedPipe } from "./exit-on-closed-pipe.ts";
import { runCli } from "./run-cli.ts";

exitOnClosedPipe();
await runCli(process.argv);
