import { z } from "@hono/zod-openapi";

/** A host Repolink may contact (its CA bundle is only said to exist). */
export const hostViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    url: z.string(),
    apiUrl: z.string().nullable(),
    graphqlUrl: z.string().nullable(),
    hasCaBundle: z.boolean(),
    sshKnownHosts: z.string().nullable(),
    allowPrivateNetwork: z.boolean(),
    builtIn: z.boolean(),
  })
  .openapi("Host");

/** A host as listed. */
export type HostView = z.infer<typeof hostViewSchema>;
