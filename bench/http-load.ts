import { Agent, request } from "node:http";
import { percentile } from "./stats.ts";

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU this (client) process used, as a share of one core: near 1.0 means the client limited the run. */
  clientCpuShare: number;
  firstError?: string;
}

/** Options of `runLoad`. */
export interface LoadOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:1234`. */
  baseUrl: string;
  /** Request paths, taken in turn (one path for a fixed route). */
  paths: string[];
  headers?: Record<string, string>;
  concurrency: number;
  durationMs: number;
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Drives `concurrency` keep-alive loops of GET requests over `paths` for `durationMs` and reports
 * throughput and latency (pure node:http, so CI needs nothing extra).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const urls = options.paths.map((path) => new URL(path, options.baseUrl));
  let next = 0;
  const headers = options.headers ?? {};
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await get(agent, urls[next++ % urls.length] as URL, headers);
        if (res.status >= 200 && res.status < 300) latencies.push(performance.now() - t0);
        else {
          errors += 1;
          firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    clientCpuShare: (cpu.user + cpu.system) / 1000 / elapsedMs,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
