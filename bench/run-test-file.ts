import { spawn } from "node:child_process";
import { join } from "node:path";

/** What a test file's run reported: test counts from the TAP summary, its exit code and everything it printed. */
export interface TestFileOutcome {
  counts: Record<"pass" | "fail" | "cancelled" | "skipped" | "todo", number>;
  exitCode: number | null;
  /** The TAP stream, the tests' own lines (as `# …` diagnostics) included. */
  output: string;
  seconds: number;
}

/** Runs one test file (a path from the repository root) with `env` on top of this process's, as `npm test` would. */
export function runTestFile(file: string, env: Record<string, string>): Promise<TestFileOutcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", join(import.meta.dirname, "..", file)], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(output)?.[1] ?? "0");
      resolve({
        counts: { pass: count("pass"), fail: count("fail"), cancelled: count("cancelled"), skipped: count("skipped"), todo: count("todo") },
        exitCode,
        output,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}
