import { Redis, type RedisOptions } from "ioredis";
import { QueueUrlError, redactUrl } from "../errors.js";

/** The BullMQ queue that carries trial segments. */
export const DEFAULT_QUEUE_NAME = "mlp-sweep-trials";

/**
 * Check a `redis://[user:password@]host:port[/db]` or `rediss://` (TLS) URL and return it with its
 * redacted form for messages. Throws {@link QueueUrlError}.
 */
export function parseQueueUrl(url: string): { url: string; redacted: string; tls: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUrlError(url, "not a URL (expected redis://host:port or rediss://host:port)");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")
    throw new QueueUrlError(url, `scheme ${parsed.protocol} is not redis: or rediss:`);
  if (!parsed.hostname) throw new QueueUrlError(url, "no host");
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) throw new QueueUrlError(url, `database "${db}" is not a number`);
  return { url, redacted: redactUrl(url), tls: parsed.protocol === "rediss:" };
}

/**
 * A Redis connection for BullMQ: retries every command until Redis is back (`maxRetriesPerRequest:
 * null`, required by BullMQ workers) and reconnects with a capped back-off, so a restarted Redis only
 * pauses the sweep. `rediss://` URLs connect with TLS (ioredis reads the scheme).
 */
export function redisConnection(
  url: string,
  extra: RedisOptions = {},
  onError?: (error: Error) => void,
): Redis {
  parseQueueUrl(url);
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    ...extra,
  });
  // Connection errors are retried by the strategy above; report them instead of crashing on an
  // unhandled "error" event.
  redis.on("error", (error: Error) => onError?.(error));
  return redis;
}

/**
 * A log function that prints each distinct message at most once per `intervalMs`: a Redis that is down
 * makes every connection report every retry, and one line per outage is enough.
 */
export function throttledLog(log: (line: string) => void, intervalMs = 5000): (line: string) => void {
  const last = new Map<string, number>();
  return (line) => {
    const now = Date.now();
    if (now - (last.get(line) ?? Number.NEGATIVE_INFINITY) < intervalMs) return;
    last.set(line, now);
    log(line);
  };
}
