// `node --import ./trace-modules.mjs …`: writes the process's execArgv, then the URL of every
// module it loads, to the file named by REPOLINK_TRACE_MODULES_FILE (tests read a command's module graph).
import { appendFileSync } from "node:fs";
import { register } from "node:module";

const file = process.env.REPOLINK_TRACE_MODULES_FILE ?? "/dev/null";
appendFileSync(file, `execArgv ${JSON.stringify(process.execArgv)}\n`);
register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(file)}, url + "\\n");
  return next(url, context);
}
`)}`,
);
