// HTTP helpers for the server tests only: raw paths (no client-side normalisation) and an SSE reader.
import { type IncomingHttpHeaders, request } from "node:http";

/** A response with its body as text. */
export interface TextResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Send `method path` exactly as written (percent-encodings and dots untouched). */
export function rawRequest(base: string, path: string, method = "GET"): Promise<TextResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** One server-sent event. */
export interface SseEvent {
  event: string;
  id: string | undefined;
  data: unknown;
}

/** An open event stream: `next` waits for the next event matching `predicate`. */
export interface SseClient {
  next(predicate?: (event: SseEvent) => boolean): Promise<SseEvent>;
  close(): void;
  closed: Promise<void>;
}

/** Open `path` as an event stream. */
export function openEvents(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const queue: SseEvent[] = [];
    const waiters: Array<{ predicate: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
    let buffer = "";
    const deliver = (event: SseEvent): void => {
      const index = waiters.findIndex((w) => w.predicate(event));
      if (index === -1) queue.push(event);
      else waiters.splice(index, 1)[0]?.resolve(event);
    };
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`status ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          const fields = new Map<string, string>();
          for (const line of block.split("\n")) {
            const colon = line.indexOf(":");
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          const event = fields.get("event");
          const data = fields.get("data");
          if (event !== undefined && data !== undefined)
            deliver({ event, id: fields.get("id"), data: JSON.parse(data) });
        }
      });
      const closed = new Promise<void>((done) => res.on("close", () => done()));
      resolve({
        next(predicate = () => true) {
          const index = queue.findIndex(predicate);
          if (index !== -1) return Promise.resolve(queue.splice(index, 1)[0] as SseEvent);
          return new Promise((done) => waiters.push({ predicate, resolve: done }));
        },
        close: () => req.destroy(),
        closed,
      });
    });
    req.on("error", reject);
    req.end();
  });
}
