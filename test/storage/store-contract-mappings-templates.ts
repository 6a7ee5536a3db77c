import assert from "node:assert/strict";
import { it } from "node:test";
import { urlPrefixKeysOf } from "../../src/core/credentials/url-prefix.ts";
import { aCredential, aRepository, aUser, at } from "./store-fixtures.ts";
import type { CurrentStore } from "./store-contract-support.ts";

/** Contract tests of per-member repository mappings (`repo map`) and URL-prefix templates (issue 14). */
export function mappingTemplateContract(current: CurrentStore): void {
  async function world() {
    const store = current();
    const [alice, bob] = [aUser({ username: "alice" }), aUser({ username: "bob" })];
    const [mine, team] = [aCredential({ name: "mine", scope: "private", ownerId: alice.id }), aCredential({ name: "team" })];
    const [rocket, probe] = [aRepository(team.id, { name: "acme/rocket" }), aRepository(null, { name: "acme/probe" })];
    for (const user of [alice, bob]) await store.users.insert(user);
    for (const credential of [mine, team]) await store.credentials.insert(credential);
    for (const repository of [rocket, probe]) await store.repositories.insert(repository);
    return { store, alice, bob, mine, team, rocket, probe };
  }

  it("mappings: put, find, list by user and by credential; a second put for the same member replaces the first", async () => {
    const { store, alice, bob, mine, team, rocket, probe } = await world();
    const first = { repositoryId: rocket.id, userId: alice.id, credentialId: mine.id, createdAt: at(1) };
    await store.mappings.put(first);
    await store.mappings.put({ repositoryId: probe.id, userId: alice.id, credentialId: mine.id, createdAt: at(2) });
    await store.mappings.put({ repositoryId: rocket.id, userId: bob.id, credentialId: team.id, createdAt: at(3) });
    assert.deepEqual(await store.mappings.find(rocket.id, alice.id), first);
    assert.equal(await store.mappings.find(probe.id, bob.id), undefined);
    assert.deepEqual(
      (await store.mappings.listByUser(alice.id)).map((m) => m.repositoryId),
      [rocket.id, probe.id].sort(),
    );
    assert.deepEqual(
      (await store.mappings.listByCredential(mine.id)).map((m) => [m.repositoryId, m.userId]),
      [
        [rocket.id, alice.id],
        [probe.id, alice.id],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    const replaced = { ...first, credentialId: team.id, createdAt: at(4) };
    await store.mappings.put(replaced);
    assert.deepEqual(await store.mappings.find(rocket.id, alice.id), replaced);
    assert.equal((await store.mappings.listByUser(alice.id)).length, 2, "replaced, not added");
    assert.deepEqual((await store.mappings.listByCredential(team.id)).map((m) => m.userId).sort(), [alice.id, bob.id].sort());
  });

  it("mappings: delete answers whether there was one; a mapping goes with its repository and its credential", async () => {
    const { store, alice, bob, mine, team, rocket, probe } = await world();
    await store.mappings.put({ repositoryId: rocket.id, userId: alice.id, credentialId: mine.id, createdAt: at(1) });
    await store.mappings.put({ repositoryId: probe.id, userId: alice.id, credentialId: mine.id, createdAt: at(1) });
    await store.mappings.put({ repositoryId: probe.id, userId: bob.id, credentialId: team.id, createdAt: at(1) });
    assert.equal(await store.mappings.delete(rocket.id, bob.id), false);
    assert.equal(await store.mappings.delete(rocket.id, alice.id), true);
    assert.equal(await store.mappings.delete(rocket.id, alice.id), false);
    await store.repositories.delete(probe.id);
    assert.deepEqual(await store.mappings.listByUser(bob.id), [], "deleting the repository deleted its mappings");
    await store.mappings.put({ repositoryId: rocket.id, userId: alice.id, credentialId: mine.id, createdAt: at(2) });
    await store.credentials.delete(mine.id);
    assert.deepEqual(await store.mappings.listByUser(alice.id), [], "deleting the credential deleted its mappings");
  });

  it("url prefixes: set replaces a credential's templates (duplicates once); [] removes them", async () => {
    const { store, mine, team } = await world();
    await store.urlPrefixes.set(team.id, ["https://github.com/acme", "https://github.com/acme", "https://ghe.example/org/sub"]);
    await store.urlPrefixes.set(mine.id, ["https://github.com/acme/rocket"]);
    assert.deepEqual(await store.urlPrefixes.listByCredential(team.id), ["https://ghe.example/org/sub", "https://github.com/acme"]);
    await store.urlPrefixes.set(team.id, ["https://github.com/octo"]);
    assert.deepEqual(await store.urlPrefixes.listByCredential(team.id), ["https://github.com/octo"]);
    assert.deepEqual(await store.urlPrefixes.list(), [
      { credentialId: mine.id, prefix: "https://github.com/acme/rocket" },
      { credentialId: team.id, prefix: "https://github.com/octo" },
    ]);
    await store.urlPrefixes.set(team.id, []);
    assert.deepEqual(await store.urlPrefixes.listByCredential(team.id), []);
    assert.deepEqual(
      await store.urlPrefixes.listByCredential(mine.id),
      ["https://github.com/acme/rocket"],
      "other credentials keep theirs",
    );
  });

  it("url prefixes: findByPrefixes answers the templates a repository URL falls under, whole segments only", async () => {
    const { store, mine, team } = await world();
    await store.urlPrefixes.set(team.id, ["https://github.com/acme"]);
    await store.urlPrefixes.set(mine.id, ["https://github.com/acme", "https://github.com/acme/rocket", "https://github.com/acme/rock"]);
    const found = await store.urlPrefixes.findByPrefixes(urlPrefixKeysOf("https://GitHub.com/Acme/Rocket.git"));
    const expected = [
      { credentialId: mine.id, prefix: "https://github.com/acme" },
      { credentialId: team.id, prefix: "https://github.com/acme" },
    ].sort((a, b) => (a.credentialId < b.credentialId ? -1 : 1));
    assert.deepEqual(found, [...expected, { credentialId: mine.id, prefix: "https://github.com/acme/rocket" }]);
    assert.deepEqual(await store.urlPrefixes.findByPrefixes([]), []);
    assert.deepEqual(await store.urlPrefixes.findByPrefixes(urlPrefixKeysOf("https://github.com/octo/rocket.git")), []);
  });

  it("url prefixes: a credential's templates go with it", async () => {
    const { store, mine, team } = await world();
    await store.urlPrefixes.set(mine.id, ["https://github.com/acme"]);
    await store.urlPrefixes.set(team.id, ["https://github.com/octo"]);
    await store.credentials.delete(mine.id);
    assert.deepEqual(await store.urlPrefixes.list(), [{ credentialId: team.id, prefix: "https://github.com/octo" }]);
  });

  it("url prefixes: 10,000 templates of 200 credentials answer one repository URL's lookup exactly", async () => {
    const store = current();
    const credentials = Array.from({ length: 200 }, (_, i) => aCredential({ name: `bulk-${i}` }));
    await store.transaction(async (tx) => {
      for (const credential of credentials) await tx.credentials.insert(credential);
      for (const [i, credential] of credentials.entries())
        await tx.urlPrefixes.set(
          credential.id,
          Array.from({ length: 50 }, (_, j) => `https://github.com/org-${i}/repo-${j}`),
        );
    });
    assert.equal((await store.urlPrefixes.list()).length, 10_000);
    const found = await store.urlPrefixes.findByPrefixes(urlPrefixKeysOf("https://github.com/org-123/repo-45.git"));
    assert.deepEqual(found, [{ credentialId: credentials[123]!.id, prefix: "https://github.com/org-123/repo-45" }]);
  });
}
