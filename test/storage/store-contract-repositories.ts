import assert from "node:assert/strict";
import { it } from "node:test";
import { aCheck, aCredential, aHost, aRepository, at } from "./store-fixtures.ts";
import { type CurrentStore, rejectsWithCode } from "./store-contract-support.ts";

/** Contract tests of repositories, their checks, and hosts. */
export function repositoryContract(current: CurrentStore): void {
  it("repositories: insert, find, list by name, list and count by credential", async () => {
    const store = current();
    const credential = aCredential();
    await store.credentials.insert(credential);
    const b = aRepository(credential.id, { name: "octo/b", protocol: "ssh", needs: "pull", defaultBranch: "main" });
    const a = aRepository(null, { name: "octo/a" });
    await store.repositories.insert(b);
    await store.repositories.insert(a);
    assert.deepEqual(await store.repositories.findById(b.id), b);
    assert.deepEqual(await store.repositories.findByName("octo/a"), a);
    assert.equal(await store.repositories.findByName("octo/none"), undefined);
    assert.deepEqual(await store.repositories.list(), [a, b]);
    assert.deepEqual(await store.repositories.listByCredential(credential.id), [b]);
    await store.repositories.insert(aRepository(credential.id, { name: "octo/c", path: "octo/c" }));
    assert.deepEqual(
      await store.repositories.countByCredential(),
      new Map([[credential.id, 2]]),
      "counted per credential; a repository without one is in no count",
    );
  });

  it("repositories: listByPath finds every registration of one path, ignoring case, and nothing else", async () => {
    const store = current();
    const first = aRepository(null, { name: "first", path: "Acme/Rocket" });
    const second = aRepository(null, { name: "second", path: "acme/rocket", hostName: "ghe.example.com" });
    await store.repositories.insert(second);
    await store.repositories.insert(first);
    await store.repositories.insert(aRepository(null, { name: "other", path: "acme/rocket-2" }));
    await store.repositories.insert(aRepository(null, { name: "swapped", path: "rocket/acme" }));
    assert.deepEqual(await store.repositories.listByPath("ACME/rocket"), [first, second]);
    assert.deepEqual(await store.repositories.listByPath("acme/rock"), []);
  });

  it("repositories: a path of any depth is kept whole; owner and repo are its namespace and last segment", async () => {
    const store = current();
    const deep = aRepository(null, { name: "deep", path: "group/sub/project", hostName: "gitlab.example.com" });
    const top = aRepository(null, { name: "top", path: "web", hostName: "plain" });
    await store.repositories.insert(deep);
    await store.repositories.insert(top);
    assert.deepEqual(await store.repositories.findById(deep.id), { ...deep, owner: "group/sub", repo: "project" });
    assert.deepEqual(await store.repositories.findById(top.id), { ...top, owner: "", repo: "web" });
    assert.deepEqual(await store.repositories.listByPath("GROUP/sub/project"), [deep]);
    assert.deepEqual(await store.repositories.listByPath("sub/project"), []);
    await store.repositories.update(top.id, { path: "team/web" });
    assert.deepEqual(await store.repositories.findById(top.id), { ...top, path: "team/web", owner: "team", repo: "web" });
  });

  it("repositories: update applies the patch; a taken name is REPOSITORY_NAME_TAKEN", async () => {
    const store = current();
    const credential = aCredential();
    await store.credentials.insert(credential);
    const one = aRepository(null, { name: "octo/one" });
    const two = aRepository(null, { name: "octo/two" });
    await store.repositories.insert(one);
    await store.repositories.insert(two);
    const taken = 'A repository named "octo/one" already exists.';
    await rejectsWithCode(store.repositories.insert(aRepository(null, { name: "octo/one" })), "REPOSITORY_NAME_TAKEN", taken);
    await rejectsWithCode(store.repositories.update(two.id, { name: "octo/one" }), "REPOSITORY_NAME_TAKEN", taken);
    const patch = {
      credentialId: credential.id,
      status: "failing",
      reasonCode: "GITHUB_TOKEN_REVOKED",
      message: "revoked",
      remedy: "rotate",
      lastCheckedAt: at(4),
    } as const;
    await store.repositories.update(two.id, patch);
    assert.deepEqual(await store.repositories.findById(two.id), { ...two, ...patch });
    await store.repositories.update(two.id, { credentialId: null, reasonCode: null });
    assert.deepEqual(await store.repositories.findById(two.id), { ...two, ...patch, credentialId: null, reasonCode: null });
  });

  it("repositories: checks list newest first with a limit, and go with their repository", async () => {
    const store = current();
    const repository = aRepository(null);
    const other = aRepository(null);
    await store.repositories.insert(repository);
    await store.repositories.insert(other);
    const checks = [aCheck(repository.id, 2), aCheck(repository.id, 3), aCheck(repository.id, 1)];
    for (const check of checks) await store.repositories.addCheck(check);
    await store.repositories.addCheck(aCheck(other.id, 9));
    assert.deepEqual(await store.repositories.listChecks(repository.id, 10), [checks[1], checks[0], checks[2]]);
    assert.deepEqual(await store.repositories.listChecks(repository.id, 2), [checks[1], checks[0]]);
    await store.repositories.delete(repository.id);
    assert.equal(await store.repositories.findById(repository.id), undefined);
    assert.deepEqual(await store.repositories.listChecks(repository.id, 10), []);
    assert.equal((await store.repositories.listChecks(other.id, 10)).length, 1);
  });

  it("repositories: status points are the checks since a time plus the last one before it, for many repositories in one call", async () => {
    const store = current();
    const [one, two, none] = [aRepository(null), aRepository(null), aRepository(null)];
    for (const r of [one, two, none]) await store.repositories.insert(r);
    const failing = (id: string, seconds: number) => ({ ...aCheck(id, seconds), status: "failing" as const });
    for (const c of [aCheck(one.id, 1), failing(one.id, 5), aCheck(one.id, 20), failing(one.id, 30), aCheck(two.id, 2)]) {
      await store.repositories.addCheck(c);
    }
    const points = await store.repositories.listStatusPoints([one.id, two.id, none.id], at(10));
    const sorted = points.map((p) => `${p.repositoryId === one.id ? "one" : "two"} ${p.at} ${p.status}`).sort();
    assert.deepEqual(sorted, [`one ${at(5)} failing`, `one ${at(20)} connected`, `one ${at(30)} failing`, `two ${at(2)} connected`]);
    assert.deepEqual(await store.repositories.listStatusPoints([], at(10)), []);
  });

  it("repositories: pruning deletes checks older than a time but keeps each repository's newest of them", async () => {
    const store = current();
    const [one, two] = [aRepository(null), aRepository(null)];
    for (const r of [one, two]) await store.repositories.insert(r);
    const kept = [aCheck(one.id, 5), aCheck(one.id, 20), aCheck(two.id, 3)];
    for (const c of [aCheck(one.id, 1), aCheck(one.id, 4), ...kept]) await store.repositories.addCheck(c);
    assert.equal(await store.repositories.pruneChecks(at(10)), 2);
    assert.deepEqual(await store.repositories.listChecks(one.id, 10), [kept[1], kept[0]]);
    assert.deepEqual(await store.repositories.listChecks(two.id, 10), [kept[2]]);
    assert.equal(await store.repositories.pruneChecks(at(10)), 0);
  });

  it("hosts: insert, find, list by name, delete; a taken name is HOST_NAME_TAKEN", async () => {
    const store = current();
    const ghe = aHost({ name: "ghe.example.com", allowPrivateNetwork: true, caBundle: "-----BEGIN CERTIFICATE-----" });
    const github = aHost({ name: "github.com", builtIn: true });
    await store.hosts.insert(ghe);
    await store.hosts.insert(github);
    assert.deepEqual(await store.hosts.findByName("ghe.example.com"), ghe);
    assert.deepEqual(await store.hosts.list(), [ghe, github]);
    await rejectsWithCode(
      store.hosts.insert(aHost({ name: "github.com" })),
      "HOST_NAME_TAKEN",
      'A host named "github.com" already exists.',
    );
    await store.hosts.delete(ghe.id);
    assert.equal(await store.hosts.findByName("ghe.example.com"), undefined);
    assert.deepEqual(await store.hosts.list(), [github]);
  });

  it("hosts: update changes URL, API URLs, CA, known hosts and private network, and nothing else", async () => {
    const store = current();
    const ghe = aHost({ name: "ghe.example.com", caBundle: "-----BEGIN CERTIFICATE-----" });
    const other = aHost({ name: "other.example.com" });
    await store.hosts.insert(ghe);
    await store.hosts.insert(other);
    const patch = {
      webUrl: "https://ghe2.example.com",
      apiUrl: "https://ghe2.example.com/api/v3",
      graphqlUrl: "https://ghe2.example.com/api/graphql",
      caBundle: null,
      sshKnownHosts: "ghe2.example.com ssh-ed25519 AAAA",
      allowPrivateNetwork: true,
    };
    await store.hosts.update(ghe.id, patch);
    assert.deepEqual(await store.hosts.findByName("ghe.example.com"), { ...ghe, ...patch });
    await store.hosts.update(ghe.id, { allowPrivateNetwork: false });
    assert.equal((await store.hosts.findByName("ghe.example.com"))?.allowPrivateNetwork, false);
    assert.deepEqual(await store.hosts.findByName("other.example.com"), other);
  });
}
