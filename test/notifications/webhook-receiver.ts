import { createHmac } from "node:crypto";
import { type CountingServer, startCountingServer } from "../../src/adapters/net/start-counting-server.ts";

/** A real 127.0.0.1 webhook receiver answering with `statuses` in turn (the last one repeats). */
export async function startReceiver(statuses: number[] = [204]): Promise<CountingServer> {
  let served = 0;
  return startCountingServer((_request, response) => {
    const status = statuses[Math.min(served, statuses.length - 1)] ?? 204;
    served += 1;
    response.statusCode = status;
    response.end(status >= 500 ? "receiver broke" : "");
  });
}

/** The signature a receiver expects, computed independently of Repolink's code. */
export function expectedSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
