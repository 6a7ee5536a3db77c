import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { seededCredential, seededOwner, seededStatus, seedRepositories } from "../support/seed-repositories.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

const COUNT = 600;

type Page = {
  items: { name: string; status: string; credential: string | null }[];
  nextCursor: string | null;
  total: number;
  counts: Record<string, number>;
};

/** Every name the list gives for `query`, page after page of `limit`. */
async function readAll(server: TestServer, token: string, query: string, limit: number): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const path = `/api/v1/repositories?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await server.call("GET", path, { auth: token });
    assert.equal(res.status, 200, res.text);
    const page = res.body as unknown as Page;
    assert.ok(page.items.length <= limit);
    names.push(...page.items.map((r) => r.name));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { names, pages };
}

const indexes = Array.from({ length: COUNT }, (_, i) => i);
const nameOf = (i: number) => `${seededOwner(i)}/service-${String(i).padStart(5, "0")}`;

function pagingSuite(label: string, env: () => Promise<{ env: Record<string, string>; drop?: () => Promise<void> }>): void {
  describe(`GET /repositories: search, filters, sort and cursor paging on ${label}`, () => {
    let server: TestServer;
    let token: string;
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      const made = await env();
      drop = made.drop;
      server = await startTestServer(made.env);
      token = await bootstrapAdmin(server);
      await seedRepositories(server.runtime.deps, COUNT);
    });
    after(async () => {
      await server?.close();
      await drop?.();
    });

    it("without a query the list is every repository, by name, as before", async () => {
      const res = await server.call("GET", "/api/v1/repositories", { auth: token });
      assert.equal(res.status, 200);
      const page = res.body as unknown as Page;
      assert.equal(page.items.length, COUNT);
      assert.deepEqual(
        page.items.map((r) => r.name),
        indexes.map(nameOf).sort(),
      );
      assert.equal(page.nextCursor, null);
      assert.equal(page.total, COUNT);
    });

    it("pages of 50 give every repository once, in order, and say when the last page is reached", async () => {
      const { names, pages } = await readAll(server, token, "sort=name", 50);
      assert.deepEqual(names, indexes.map(nameOf).sort());
      assert.equal(pages, COUNT / 50);
    });

    it("status, credential, owner and search narrow the list together; counts follow the filter", async () => {
      const expected = indexes
        .filter(
          (i) => ["failing", "degraded"].includes(seededStatus(i)) && seededCredential(i) === "deploy-a" && seededOwner(i) === "org-06",
        )
        .map(nameOf)
        .sort();
      assert.ok(expected.length > 3);
      const { names } = await readAll(server, token, "status=failing,degraded&credential=deploy-a&owner=ORG-06&host=github.com", 2);
      assert.deepEqual(names, expected);
      const res = await server.call("GET", "/api/v1/repositories?q=SERVICE-0012&limit=20", { auth: token });
      const page = res.body as unknown as Page;
      assert.deepEqual(
        page.items.map((r) => r.name),
        indexes
          .filter((i) => String(i).padStart(5, "0").startsWith("0012"))
          .map(nameOf)
          .sort(),
      );
      const failing = indexes.filter((i) => seededStatus(i) === "failing").length;
      const counted = (await server.call("GET", "/api/v1/repositories?limit=1", { auth: token })).body as unknown as Page;
      assert.equal(counted.counts.failing, failing);
      assert.equal(counted.total, COUNT);
    });

    it("sort=status lists failing first and -checked the newest check first, across pages", async () => {
      const { names } = await readAll(server, token, "sort=status", 37);
      const rank: Record<string, number> = { failing: 0, degraded: 1, unchecked: 2, connected: 3 };
      const expected = [...indexes]
        .sort((a, b) => (rank[seededStatus(a)] ?? 9) - (rank[seededStatus(b)] ?? 9) || (nameOf(a) < nameOf(b) ? -1 : 1))
        .map(nameOf);
      assert.deepEqual(names, expected);
      const newest = (await server.call("GET", "/api/v1/repositories?sort=-checked&limit=3", { auth: token })).body as unknown as Page;
      const all = (await server.call("GET", "/api/v1/repositories?sort=-checked", { auth: token })).body as unknown as Page;
      assert.deepEqual(
        newest.items.map((r) => r.name),
        all.items.slice(0, 3).map((r) => r.name),
      );
      assert.equal(all.items.at(-1)?.status, "unchecked");
    });

    it("bad input names its field: an unknown status, a foreign cursor, a credential you cannot see, a bad sort", async () => {
      const status = await server.call("GET", "/api/v1/repositories?status=broken", { auth: token });
      assert.equal(status.status, 400);
      assert.equal(status.body.error?.code, "REPOSITORY_STATUS_INVALID");
      assert.equal(status.body.error?.field, "status");
      const first = (await server.call("GET", "/api/v1/repositories?sort=name&limit=2", { auth: token })).body as unknown as Page;
      const foreign = await server.call("GET", `/api/v1/repositories?sort=status&limit=2&cursor=${first.nextCursor ?? ""}`, {
        auth: token,
      });
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.error?.code, "REPOSITORY_CURSOR_INVALID");
      assert.equal(foreign.body.error?.field, "cursor");
      const garbage = await server.call("GET", "/api/v1/repositories?limit=2&cursor=not-a-cursor", { auth: token });
      assert.equal(garbage.body.error?.code, "REPOSITORY_CURSOR_INVALID");
      const credential = await server.call("GET", "/api/v1/repositories?credential=nobody-has-this", { auth: token });
      assert.equal(credential.status, 404);
      assert.equal(credential.body.error?.code, "CREDENTIAL_NOT_FOUND");
      const sort = await server.call("GET", "/api/v1/repositories?sort=size", { auth: token });
      assert.equal(sort.status, 400);
      assert.equal(sort.body.error?.field, "sort");
    });
  });
}

pagingSuite("SQLite", async () => ({ env: {} }));

if (postgresSkip) {
  describe("GET /repositories on PostgreSQL", { skip: postgresSkip }, () => it("needs PostgreSQL", () => undefined));
} else {
  pagingSuite("PostgreSQL", async () => {
    const database = await createTestDatabase("paging");
    return { env: { DATABASE_URL: database.url, REPOLINK_MASTER_KEY: randomBytes(32).toString("hex") }, drop: database.drop };
  });
}
