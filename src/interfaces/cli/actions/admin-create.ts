import { loadConfig } from "../../../config/load-config.ts";
import { systemActor } from "../../../core/access/actor.ts";
import { createUser, userView } from "../../../core/users/create-user.ts";
import { openRuntime } from "../../../main.ts";
import { printResult } from "../output.ts";

/** `repolink admin create`: writes the first admin straight into the database (bootstrap on the server machine). */
export async function adminCreate(opts: { username: string; password: string; dataDir?: string; json: boolean }): Promise<void> {
  const runtime = await openRuntime(loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {}));
  try {
    const user = await createUser(runtime.deps, systemActor, { username: opts.username, password: opts.password, role: "admin" });
    printResult(opts.json, { user: userView(user) }, () => `Created admin ${user.username}.`);
  } finally {
    await runtime.close();
  }
}
