import assert from "node:assert/strict";
import { it } from "node:test";
import type { Repository } from "../../src/core/repositories/repository.ts";
import { cursorAfter, type RepositoryPageQuery } from "../../src/core/repositories/repository-page.ts";
import type { Store } from "../../src/core/storage/store.ts";
import { aCredential, aRepository, at } from "./store-fixtures.ts";
import type { CurrentStore } from "./store-contract-support.ts";

const statuses = ["connected", "degraded", "failing", "unchecked"] as const;

/** 60 repositories over two owners, two hosts, two credentials and every status; names mix case and `_`/`%`. */
async function seed(store: Store): Promise<{ all: Repository[]; credentialIds: string[] }> {
  const credentials = [aCredential({ name: "one" }), aCredential({ name: "two" })];
  for (const c of credentials) await store.credentials.insert(c);
  const all: Repository[] = [];
  for (let i = 0; i < 60; i++) {
    const owner = i % 2 === 0 ? "acme" : "Zeta";
    const repo = i === 7 ? "odd_100%" : `${i % 3 === 0 ? "Web" : "api"}-${String(i).padStart(2, "0")}`;
    const path = `${owner}/${repo}`;
    const r = aRepository(credentials[i % 2]?.id ?? null, {
      name: path,
      path,
      hostName: i % 5 === 0 ? "plain" : "github.com",
      status: statuses[i % 4],
      lastCheckedAt: i % 4 === 3 ? null : at((i * 7) % 13),
    });
    await store.repositories.insert(r);
    all.push(r);
  }
  return { all, credentialIds: credentials.map((c) => c.id) };
}

/** Every page of a query, following the cursor; the names in the order they came. */
async function readAll(store: Store, query: Omit<RepositoryPageQuery, "limit" | "after">, limit: number): Promise<string[]> {
  const names: string[] = [];
  let after: RepositoryPageQuery["after"];
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.repositories.listPage({ ...query, limit, ...(after ? { after } : {}) });
    names.push(...page.map((r) => r.name));
    const last = page.at(-1);
    if (page.length < limit || last === undefined) return names;
    after = cursorAfter(last, query.sort);
  }
  throw new Error("paging did not end");
}

const byCodePoint = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

/** Contract tests of the repository list: filters, orders and keyset paging, done by the store. */
export function repositoryPageContract(current: CurrentStore): void {
  it("repository pages: by name in code-point order, every row once across pages of 7", async () => {
    const store = current();
    const { all } = await seed(store);
    const expected = all.map((r) => r.name).sort(byCodePoint);
    assert.deepEqual(await readAll(store, { filter: {}, sort: "name" }, 7), expected);
    assert.deepEqual(await readAll(store, { filter: {}, sort: "-name" }, 7), [...expected].reverse());
  });

  it("repository pages: status order lists failing first, then degraded, unchecked, connected; ties by name", async () => {
    const store = current();
    const { all } = await seed(store);
    const rank = { failing: 0, degraded: 1, unchecked: 2, connected: 3 };
    const expected = [...all].sort((a, b) => rank[a.status] - rank[b.status] || byCodePoint(a.name, b.name)).map((r) => r.name);
    assert.deepEqual(await readAll(store, { filter: {}, sort: "status" }, 9), expected);
  });

  it("repository pages: last-checked order puts never-checked first, newest last; -checked the reverse", async () => {
    const store = current();
    const { all } = await seed(store);
    const key = (r: Repository) => r.lastCheckedAt ?? "";
    const expected = [...all].sort((a, b) => byCodePoint(key(a), key(b)) || byCodePoint(a.name, b.name)).map((r) => r.name);
    assert.deepEqual(await readAll(store, { filter: {}, sort: "checked" }, 11), expected);
    assert.deepEqual(await readAll(store, { filter: {}, sort: "-checked" }, 11), [...expected].reverse());
  });

  it("repository pages: search ignores case and takes % and _ literally; filters combine", async () => {
    const store = current();
    const { all, credentialIds } = await seed(store);
    const names = (list: Repository[]) => list.map((r) => r.name).sort(byCodePoint);
    assert.deepEqual(
      await readAll(store, { filter: { text: "WEB-" }, sort: "name" }, 50),
      names(all.filter((r) => r.name.includes("Web-"))),
    );
    assert.deepEqual(await readAll(store, { filter: { text: "_100%" }, sort: "name" }, 50), ["Zeta/odd_100%"]);
    assert.deepEqual(await readAll(store, { filter: { text: "d_1" }, sort: "name" }, 50), ["Zeta/odd_100%"]);
    assert.deepEqual(await readAll(store, { filter: { text: "a%" }, sort: "name" }, 50), []);
    const filter = { statuses: ["failing" as const, "degraded" as const], credentialId: credentialIds[0] ?? "", hostName: "github.com" };
    const expected = all.filter(
      (r) => ["failing", "degraded"].includes(r.status) && r.credentialId === credentialIds[0] && r.hostName === "github.com",
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(await readAll(store, { filter, sort: "name" }, 4), names(expected));
  });

  it("repository pages: owner is the exact namespace, ignoring case; a deeper path is not in it", async () => {
    const store = current();
    const { all } = await seed(store);
    await store.repositories.insert(aRepository(null, { name: "zeta/sub/deep", path: "zeta/sub/deep", hostName: "plain" }));
    const zeta = all
      .filter((r) => r.path.startsWith("Zeta/"))
      .map((r) => r.name)
      .sort(byCodePoint);
    assert.deepEqual(await readAll(store, { filter: { owner: "zeta" }, sort: "name" }, 50), zeta);
    assert.deepEqual(await readAll(store, { filter: { owner: "zeta/sub" }, sort: "name" }, 50), ["zeta/sub/deep"]);
    assert.deepEqual(await readAll(store, { filter: { owner: "zet" }, sort: "name" }, 50), []);
  });

  it("repository pages: counts by status follow the filter", async () => {
    const store = current();
    const { credentialIds } = await seed(store);
    assert.deepEqual(await store.repositories.countByStatus({}), { connected: 15, degraded: 15, failing: 15, unchecked: 15 });
    const counts = await store.repositories.countByStatus({ credentialId: credentialIds[1] ?? "" });
    assert.deepEqual(counts, { connected: 0, degraded: 15, failing: 0, unchecked: 15 });
    assert.deepEqual(await store.repositories.countByStatus({ text: "nothing-like-it" }), {
      connected: 0,
      degraded: 0,
      failing: 0,
      unchecked: 0,
    });
  });
}
