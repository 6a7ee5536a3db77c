import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { addHost } from "../../../core/hosts/add-host.ts";
import type { Host } from "../../../core/hosts/host.ts";
import { defineRoute, type AnyRoute } from "../route.ts";

function hostView(h: Host): Record<string, unknown> {
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

/** The hosts Repolink may contact. */
export function hostRoutes(deps: CoreDeps): AnyRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/hosts",
      summary: "List known hosts",
      tag: "hosts",
      access: "user",
      handler: async () => ({ status: 200, body: { items: (await deps.store.hosts.list()).map(hostView) } }),
    }),
    defineRoute({
      method: "post",
      path: "/hosts",
      summary: "Register a GitHub Enterprise Server (kind github, the default) or any Git server (kind git)",
      tag: "hosts",
      access: "admin",
      errors: [400, 409],
      body: z
        .object({
          kind: z.string().max(40).optional(),
          name: z.string().max(100),
          url: z.string().max(2048),
          apiUrl: z.string().max(2048).optional(),
          graphqlUrl: z.string().max(2048).optional(),
          caBundle: z.string().max(262_144).nullable().optional(),
          sshKnownHosts: z.string().max(65_536).nullable().optional(),
          allowPrivateNetwork: z.boolean().default(false),
        })
        .strict(),
      handler: async ({ body, actor }) => ({ status: 201, body: { host: hostView(await addHost(deps, actor, body)) } }),
    }),
  ];
}
