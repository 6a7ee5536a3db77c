import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { z } from "@hono/zod-openapi";
import { apiContract, type OperationName } from "../../src/contract/api-contract.ts";
import { ApiClient } from "../../src/interfaces/cli/api-client.ts";
import { CliError } from "../../src/interfaces/cli/cli-error.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  "x-repolink-access"?: string;
};

describe("the OpenAPI description the server serves is the contract's", () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(async () => server.close());

  it("describes every mounted API route, with its parameters, request body and response schemas", async () => {
    const doc = (await server.call("GET", "/api/openapi.json")).body as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    assert.equal(doc.openapi, "3.1.0");
    const mounted = server.app.routes.filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL");
    const seen = new Set<string>();
    for (const route of mounted) {
      const key = `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, "{$1}")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [method, path] = key.split(" ") as [string, string];
      const operation = doc.paths[path]?.[method];
      assert.ok(operation, `${key} is mounted but not in the OpenAPI document`);
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual(
        (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        pathParams,
        `${key}: its path parameters`,
      );
      assert.ok(operation["x-repolink-access"], `${key}: who may call it`);
      if (method === "post" || method === "patch") {
        const body = operation.requestBody?.content["application/json"]?.schema;
        const takesNone = !("request" in findRoute(method, path)) || !findRoute(method, path).request?.body;
        assert.ok(takesNone || body, `${key}: its request body schema`);
      }
      const statuses = Object.keys(operation.responses);
      assert.ok(
        statuses.some((s) => s.startsWith("2")),
        `${key}: a success response`,
      );
      for (const status of statuses) {
        if (status === "204") continue;
        assert.ok(operation.responses[status]?.content?.["application/json"]?.schema, `${key}: the schema of its ${status} response`);
      }
    }
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m} ${path}`));
    assert.deepEqual(documented.sort(), [...seen].sort(), "the document describes exactly the mounted routes");
    assert.equal(seen.size, Object.keys(apiContract).length, "every contract route is mounted once");
  });
});

function findRoute(method: string, path: string): { request?: { body?: unknown } } {
  const route = Object.values(apiContract).find((r) => r.method === method && r.path === path);
  assert.ok(route, `${method} ${path} is in the contract`);
  return route as { request?: { body?: unknown } };
}

/** The success schema of a contract operation, to hold what a real server answered to it. */
function successSchema(name: OperationName, status: number): z.ZodType {
  const responses = apiContract[name].responses as Record<number, { content?: { "application/json": { schema: z.ZodType } } }>;
  const schema = responses[status]?.content?.["application/json"].schema;
  assert.ok(schema, `${name} answers ${status} with JSON`);
  return schema;
}

describe("the typed client (the CLI's) against a real server", () => {
  let live: LiveServer;
  let api: ApiClient;
  before(async () => {
    live = await startLiveServer();
    api = new ApiClient({ server: live.url, token: live.adminToken });
  });
  after(async () => live.close());

  it("round-trips credentials, tokens, hosts, audit and health, each answer matching the contract's schema", async () => {
    const created = await api.call("POST /credentials", {
      body: { name: "contract-bot", type: "token", secret: generateTestToken(), validate: false },
    });
    successSchema("createCredential", 201).parse(created);
    assert.equal(created.credential.name, "contract-bot");
    assert.equal(created.credential.type, "token");

    const listed = await api.call("GET /credentials", {});
    successSchema("listCredentials", 200).parse(listed);
    assert.deepEqual(
      listed.items.map((c) => c.name),
      ["contract-bot"],
    );

    const shown = await api.call("GET /credentials/{ref}", { params: { ref: "contract-bot" } });
    successSchema("getCredential", 200).parse(shown);
    assert.equal(shown.credential.usedByCount, 0);

    const renamed = await api.call("PATCH /credentials/{ref}", { params: { ref: "contract-bot" }, body: { name: "contract-bot-2" } });
    successSchema("updateCredential", 200).parse(renamed);
    const byName = await api.call("GET /credentials/{ref}", { params: { ref: "contract-bot-2" } });
    assert.equal(byName.credential.id, created.credential.id);

    const token = await api.call("POST /tokens", { body: { name: "contract pipeline" } });
    successSchema("createToken", 201).parse(token);
    const tokens = await api.call("GET /tokens", {});
    successSchema("listTokens", 200).parse(tokens);
    assert.ok(tokens.items.some((t) => t.id === token.id && !t.revoked));
    assert.equal(await api.call("DELETE /tokens/{id}", { params: { id: token.id } }), undefined);

    successSchema("listHosts", 200).parse(await api.call("GET /hosts", {}));
    const audit = await api.call("GET /audit", { query: { limit: 5 } });
    successSchema("listAuditEvents", 200).parse(audit);
    assert.ok(audit.items.length <= 5 && audit.items.length > 0);
    successSchema("getHealth", 200).parse(await api.call("GET /health", { query: { limit: 2 } }));

    await api.call("DELETE /credentials/{ref}", { params: { ref: "contract-bot-2" } });
    assert.deepEqual((await api.call("GET /credentials", {})).items, []);
  });

  it("turns the contract's error body into the CLI's code and exit code", async () => {
    await assert.rejects(
      api.call("GET /credentials/{ref}", { params: { ref: "nothing-here" } }),
      (error: unknown) => error instanceof CliError && error.code === "CREDENTIAL_NOT_FOUND" && error.exitCode === 1,
    );
    await assert.rejects(
      api.call("POST /credentials", { body: { name: "x", type: "token", secret: "", validate: false } }),
      (error: unknown) => error instanceof CliError && error.code === "SECRET_REQUIRED" && error.field === "secret" && error.exitCode === 2,
    );
    const stranger = new ApiClient({ server: live.url, token: "rlk_0000000000000000_not-a-real-token" });
    await assert.rejects(
      stranger.call("GET /credentials", {}),
      (error: unknown) => error instanceof CliError && error.code === "TOKEN_INVALID" && error.exitCode === 3,
    );
  });
});
