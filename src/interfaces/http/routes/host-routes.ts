import type { CoreDeps } from "../../../core/deps.ts";
import { addHost } from "../../../core/hosts/add-host.ts";
import { removeHost } from "../../../core/hosts/remove-host.ts";
import { updateHost } from "../../../core/hosts/update-host.ts";
import type { Host } from "../../../core/hosts/host.ts";
import { newTokenLink } from "../../../core/repositories/new-token-link.ts";
import { hostContract } from "../../../contract/routes/host-contract.ts";
import type { HostView } from "../../../contract/views/host-views.ts";
import type { ApiApp, Guard } from "../api-env.ts";

function hostView(h: Host): HostView {
  return {
    id: h.id,
    name: h.name,
    kind: h.kind,
    url: h.webUrl,
    apiUrl: h.apiUrl,
    graphqlUrl: h.graphqlUrl,
    hasCaBundle: h.caBundle !== null,
    sshKnownHosts: h.sshKnownHosts,
    allowPrivateNetwork: h.allowPrivateNetwork,
    builtIn: h.builtIn,
  };
}

/**
 * The hosts Repolink may contact, and the links to their new-token forms. `onChanged` runs after a host is added,
 * changed or removed (the web UI's cached CSP origins follow).
 */
export function hostRoutes(app: ApiApp, guard: Guard, deps: CoreDeps, onChanged: () => void = () => undefined): void {
  app.openapi(guard(hostContract.listHosts), async (c) => c.json({ items: (await deps.store.hosts.list()).map(hostView) }, 200));
  app.openapi(guard(hostContract.addHost), async (c) => {
    const host = await addHost(deps, c.get("actor"), c.req.valid("json"));
    onChanged();
    return c.json({ host: hostView(host) }, 201);
  });
  app.openapi(guard(hostContract.updateHost), async (c) => {
    const host = await updateHost(deps, c.get("actor"), c.req.valid("param").name, c.req.valid("json"));
    onChanged();
    return c.json({ host: hostView(host) }, 200);
  });
  app.openapi(guard(hostContract.removeHost), async (c) => {
    await removeHost(deps, c.get("actor"), c.req.valid("param").name);
    onChanged();
    return c.body(null, 204);
  });
  app.openapi(guard(hostContract.newTokenUrl), async (c) => {
    const { owner } = c.req.valid("query");
    return c.json(await newTokenLink(deps, c.req.valid("param").name, owner ? { owner } : {}), 200);
  });
}
