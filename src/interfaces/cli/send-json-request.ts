import type { IncomingMessage, RequestOptions } from "node:http";

/** A finished HTTP exchange: the status and the body as text. */
export interface JsonExchange {
  status: number;
  text: string;
}

/**
 * Sends one request with node's own http/https client. The CLI runs once per git operation,
 * and `fetch` costs ~60 ms of CPU and ~40 MiB to load, more than the whole request.
 * @throws Error when the server cannot be reached
 */
export async function sendJsonRequest(url: URL, method: string, headers: Record<string, string>, body?: string): Promise<JsonExchange> {
  const client = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const options: RequestOptions = {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) },
  };
  return new Promise((resolve, reject) => {
    const request = client.request(url, options, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
