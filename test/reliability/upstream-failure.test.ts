import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { healthOptionsOf } from "../../src/config/health-options-of.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "../health/health-world.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { runCli } from "../support/run-cli.ts";

const REPOSITORIES = 150;
const CREDENTIALS = 3;

interface Report {
  cycleId: string;
  repositoriesChecked: number;
  notCheckedUpstream: number;
  apiUnitsUsed: number;
  resumedFrom: string | null;
  byStatus: { connected: number; degraded: number; failing: number };
}

// Issue 13 item 4: a sustained upstream 500 gave a short cycle that looked complete, and
// `health run --wait` answered 502 instead of a report.
describe("a sustained upstream 500 is never mistaken for a completed cycle", () => {
  let world: HealthFake;
  let server: LiveServer;
  const cli = (args: string[]) => runCli(args, { env: { REPOLINK_SERVER: server.url, REPOLINK_TOKEN: server.adminToken } });
  const statuses = async () => {
    const listed = await server.api("GET", "/repositories?limit=1000");
    return (listed.body.items as { status: string }[]).map((r) => r.status);
  };

  before(async () => {
    world = await startHealthFake(REPOSITORIES, CREDENTIALS);
    server = await startLiveServer({ REPOLINK_HEALTH_TRANSPORT_EVERY: "1" });
    await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it(
    "counts what GitHub's 5xx left unchecked, keeps statuses, answers with the report (exit 1), backs off, then retries them first",
    {
      timeout: 300_000,
    },
    async () => {
      const before = { ...world.fake.counters };
      const first = await cli(["health", "run", "--wait", "--json"]);
      assert.equal(first.code, 0, first.stderr);
      const healthy = JSON.parse(first.stdout) as Report;
      assert.deepEqual(
        [healthy.repositoriesChecked, healthy.notCheckedUpstream, healthy.byStatus.connected],
        [REPOSITORIES, 0, REPOSITORIES],
      );
      // The report's units are what the fake counted: GraphQL points plus REST requests.
      const spent = world.fake.counters.graphqlPoints - before.graphqlPoints + (world.fake.counters.rest - before.rest);
      assert.equal(healthy.apiUnitsUsed, spent);

      world.fake.failNext({ kind: "status", status: 500 }, 100_000);
      const failed = await cli(["health", "run", "--wait", "--json"]);
      assert.equal(failed.code, 1, `exit 1 when anything was not checked\n${failed.stderr}`);
      assert.match(failed.stderr, /150 repositories were not checked: GitHub failed/);
      const outage = JSON.parse(failed.stdout) as Report;
      assert.deepEqual([outage.repositoriesChecked, outage.notCheckedUpstream], [0, REPOSITORIES], failed.stdout);
      assert.ok(
        (await statuses()).every((s) => s === "connected"),
        "no status changed on a 500",
      );

      // Right after, the credentials back off: nothing is sent to GitHub, and the report says so.
      const graphqlBefore = world.fake.counters.graphql;
      const backingOff = await server.api("POST", "/health/run", { wait: true });
      assert.equal(backingOff.status, 200);
      assert.equal((backingOff.body.report as Report).notCheckedUpstream, REPOSITORIES);
      assert.equal(world.fake.counters.graphql, graphqlBefore, "no request during the back-off");

      // GitHub is back and the back-off is over: the next cycle starts from the failed one's stopping point.
      world.fake.clearFailures();
      const deps = server.runtime.deps;
      const later = new Date(Date.now() + 2 * 3_600_000);
      deps.now = () => later;
      const recovered = await runHealthCycle(deps, { ...healthOptionsOf(server.runtime.config), wait: true });
      assert.deepEqual([recovered.repositoriesChecked, recovered.notCheckedUpstream], [REPOSITORIES, 0]);
      assert.notEqual(recovered.resumedFrom, null, "resumed where the failed cycle stopped");
      assert.ok((await statuses()).every((s) => s === "connected"));
    },
  );
});
