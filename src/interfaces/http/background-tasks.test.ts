import assert from "node:assert/strict";
import { it } from "node:test";
import { BackgroundTasks } from "./background-tasks.ts";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("settles only after every task, including one started by a running task, and reports failures instead of throwing", async () => {
  const errors: unknown[] = [];
  const tasks = new BackgroundTasks((error) => errors.push(error));
  const done: string[] = [];
  tasks.run(async () => {
    await later(30);
    done.push("first");
    tasks.run(async () => {
      await later(30);
      done.push("second");
    });
  });
  tasks.run(async () => {
    throw new Error("re-check failed");
  });
  await tasks.settled();
  assert.deepEqual(done, ["first", "second"]);
  assert.deepEqual(
    errors.map((e) => (e as Error).message),
    ["re-check failed"],
  );
  await tasks.settled();
});
