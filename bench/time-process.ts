// Times a whole process as a user's shell would run it: wall clock from spawn to exit,
// CPU (user + system of the process and the children it waited for) and peak RSS, read
// from wait4's rusage by a small Python waiter (GNU time rounds CPU to 10 ms).
import { spawn } from "node:child_process";

/** What one run of a process cost. */
export interface ProcessTiming {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  code: number;
  stdout: string;
  stderr: string;
}

// Starts the command with stdin/stdout/stderr inherited and reports on fd 3, so its output is untouched.
const waiter = [
  "import os, sys, time",
  "t0 = time.perf_counter()",
  "pid = os.fork()",
  "if pid == 0:",
  "    os.close(3)",
  "    os.execvp(sys.argv[1], sys.argv[1:])",
  "_, status, usage = os.wait4(pid, 0)",
  "wall = (time.perf_counter() - t0) * 1000",
  "code = os.waitstatus_to_exitcode(status)",
  "os.write(3, ('%f %f %d %d' % (wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss, code)).encode())",
].join("\n");

/** Runs `command args` and reports its wall time, CPU and peak RSS (the wrapper's own start is not counted). */
export function timeProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string; cwd?: string } = {},
): Promise<ProcessTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", waiter, command, ...args], {
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    let stdout = "";
    let stderr = "";
    let report = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (d: Buffer) => (report += d.toString()));
    child.on("error", reject);
    child.on("close", (waiterCode) => {
      const [wallMs = NaN, cpuMs = NaN, maxRssKiB = NaN, code = NaN] = report.trim().split(" ").map(Number);
      if (waiterCode !== 0 || Number.isNaN(code)) reject(new Error(`timing ${command} failed: ${stderr.slice(0, 500)}`));
      else resolve({ wallMs, cpuMs, maxRssKiB, code, stdout, stderr });
    });
    child.stdin!.end(options.stdin ?? "");
  });
}

/** Runs `timeProcess` `runs` times (after `prepare(i)` each time) and fails loudly on a non-zero exit. */
export async function timeRuns(
  label: string,
  runs: number,
  command: string,
  args: (i: number) => string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string; prepare?: (i: number) => Promise<void> } = {},
): Promise<ProcessTiming[]> {
  const timings: ProcessTiming[] = [];
  for (let i = 0; i < runs; i++) {
    await options.prepare?.(i);
    const timing = await timeProcess(command, args(i), {
      ...(options.env ? { env: options.env } : {}),
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    });
    if (timing.code !== 0) throw new Error(`${label}: exited ${timing.code}: ${timing.stderr.slice(0, 500)}`);
    timings.push(timing);
  }
  const walls = timings.map((t) => Math.round(t.wallMs));
  console.log(`  ${label.padEnd(64)} wall ms [${walls.join(", ")}]  cpu ms [${timings.map((t) => Math.round(t.cpuMs)).join(", ")}]`);
  return timings;
}
