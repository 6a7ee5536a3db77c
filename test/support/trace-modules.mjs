// `node --import ./trace-modules.mjs …`: appends the URL of every module the process loads
// to the file named by REPOLINK_TRACE_MODULES_FILE, one per line (tests read the module graph of a command).
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
const file = ${JSON.stringify(process.env.REPOLINK_TRACE_MODULES_FILE ?? "/dev/null")};
export async function load(url, context, next) {
  appendFileSync(file, url + "\\n");
  return next(url, context);
}
`)}`,
);
