import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SetupCode } from "../../src/core/users/setup-code.ts";
import { apiRoutes } from "../../src/interfaces/http/create-app.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";

/** Every API route, tried as anonymous, member and admin, against the access it declares. */
describe("authorization matrix over every API route", () => {
  let server: TestServer;
  let tokens: { admin: string; member: string };

  before(async () => {
    server = await startTestServer();
    const admin = await bootstrapAdmin(server);
    tokens = { admin, member: await createMember(server, admin, "matrix-member") };
  });
  after(async () => server.close());

  it("refuses anonymous callers on every non-public route, members on admin routes, and lets admins through", async () => {
    const routes = apiRoutes({ deps: server.runtime.deps, setup: SetupCode.create(false), logger: server.runtime.logger });
    assert.ok(routes.length >= 20, `only ${routes.length} routes found`);
    const doc = (await server.call("GET", "/api/openapi.json")).body as {
      paths: Record<string, Record<string, { "x-repolink-access": string }>>;
    };
    let tried = 0;
    for (const route of routes) {
      const path = `/api/v1${route.path.replace(/:([A-Za-z]+)/g, "00000000-0000-4000-8000-000000000000")}`;
      const documented = doc.paths[`/api/v1${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}`]?.[route.method];
      assert.equal(documented?.["x-repolink-access"], route.access, `${route.method} ${route.path} is in the OpenAPI document`);
      const method = route.method.toUpperCase();
      const body = method === "GET" ? undefined : {};
      const anonymous = await server.call(method, path, { body });
      const member = await server.call(method, path, { auth: tokens.member, body });
      const admin = await server.call(method, path, { auth: tokens.admin, body });
      tried += 3;
      const label = `${method} ${route.path}`;
      if (route.access === "public") {
        assert.notEqual(anonymous.status, 401, `${label} is public`);
        continue;
      }
      assert.equal(anonymous.status, 401, `${label} as anonymous`);
      assert.equal(anonymous.body.error?.code, "UNAUTHENTICATED");
      if (route.access === "admin") {
        assert.equal(member.status, 403, `${label} as member`);
        assert.equal(member.body.error?.code, "FORBIDDEN");
      } else {
        // A user route lets every signed-in person in: on the matrix's made-up ids a member gets exactly
        // the admin's answer (404 for a missing thing, 400 for an empty body), never 401 or 403.
        assert.ok(![401, 403].includes(member.status), `${label} as member: ${member.text}`);
        assert.deepEqual(
          [member.status, member.body.error?.code],
          [admin.status, admin.body.error?.code],
          `${label}: member as admin; member ${member.text}, admin ${admin.text}`,
        );
      }
      assert.ok(![401, 403].includes(admin.status), `${label} as admin: ${admin.text}`);
    }
    assert.ok(tried >= 60);
  });
});
