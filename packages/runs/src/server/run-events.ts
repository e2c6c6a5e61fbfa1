import { type FSWatcher, watch } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readRunEntry } from "../list-runs.js";
import { parseMetricsText } from "../metrics-lines.js";
import { metricsPath, runDir } from "../run-paths.js";
import type { RunEventMap, RunEventName } from "../schema/api.js";
import { toApiError } from "./respond.js";

/** Options of {@link streamRunEvents}. */
export interface RunEventsOptions {
  runsDir: string;
  id: string;
  /** Metrics lines the client already has (`?from=` or the `Last-Event-ID` header); they are not resent. */
  from: number;
  /** How often files are re-checked besides fs.watch notifications (the only trigger when fs.watch fails). */
  pollIntervalMs: number;
  /** How often a comment is sent so proxies and the client keep the connection open. */
  heartbeatMs: number;
}

/** A live events stream; `close` ends it and releases its watcher and timers. */
export interface RunEventStream {
  close(): void;
}

interface TailState {
  offset: number;
  line: number;
  skip: number;
  ino: number | undefined;
}

/**
 * Serve `GET /api/runs/:id/events` as server-sent events (see {@link RunEventMap}): the run record first,
 * then metrics lines from `from` on, then whatever changes. Changes are noticed with fs.watch on the run
 * folder and, as a fallback for file systems where watching is unreliable, by polling. Everything is
 * released when the client disconnects.
 */
export function streamRunEvents(
  req: IncomingMessage,
  res: ServerResponse,
  options: RunEventsOptions,
): RunEventStream {
  const { runsDir, id } = options;
  const file = metricsPath(runsDir, id);
  const tail: TailState = { offset: 0, line: 0, skip: options.from, ino: undefined };
  let lastRun = "";
  let closed = false;
  let busy = false;
  let again = false;
  let watcher: FSWatcher | undefined;

  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.write("retry: 2000\n\n");

  const send = <E extends RunEventName>(event: E, data: RunEventMap[E], eventId?: number): void => {
    if (closed) return;
    const idLine = eventId === undefined ? "" : `id: ${eventId}\n`;
    res.write(`event: ${event}\n${idLine}data: ${JSON.stringify(data)}\n\n`);
  };

  const checkRun = async (): Promise<void> => {
    const entry = await readRunEntry(runsDir, id);
    const payload = entry.ok
      ? JSON.stringify({ ok: true, id, run: entry.run, stale: entry.stale })
      : JSON.stringify({ error: toApiError(entry.error) });
    if (payload === lastRun) return;
    lastRun = payload;
    if (entry.ok) send("run", { ok: true, id, run: entry.run, stale: entry.stale });
    else send("run-error", { error: toApiError(entry.error) });
  };

  const checkMetrics = async (): Promise<void> => {
    const info = await stat(file).catch(() => undefined);
    if (!info) return;
    // A new inode or a shorter file means it was rewritten (resume dropped epochs): start over.
    if ((tail.ino !== undefined && info.ino !== tail.ino) || info.size < tail.offset) {
      tail.offset = 0;
      tail.line = 0;
      tail.skip = 0;
      send("reset", {}, 0);
    }
    tail.ino = info.ino;
    if (info.size === tail.offset) return;
    const handle = await open(file, "r");
    let text: string;
    try {
      const buffer = Buffer.alloc(info.size - tail.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, tail.offset);
      text = buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
    const end = text.lastIndexOf("\n");
    if (end === -1) return; // only part of a line so far
    const complete = text.slice(0, end + 1);
    const lines = complete.slice(0, -1).split("\n");
    const skip = Math.min(tail.skip, lines.length);
    const first = tail.line + skip;
    const parsed = parseMetricsText(
      lines
        .slice(skip)
        .map((l) => `${l}\n`)
        .join(""),
      first,
    );
    tail.offset += Buffer.byteLength(complete, "utf8");
    tail.line += lines.length;
    tail.skip -= skip;
    for (const bad of parsed.invalid) send("metrics-error", bad);
    if (parsed.entries.length > 0)
      send("metrics", { entries: parsed.entries, fromLine: first, toLine: tail.line }, tail.line);
  };

  // Checks never overlap; a notification during a check schedules one more run after it.
  const check = async (): Promise<void> => {
    if (closed) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        await checkRun();
        await checkMetrics();
      } while (again && !closed);
    } catch {
      // Transient (a file replaced between stat and open); the next notification or poll retries.
    } finally {
      busy = false;
    }
  };

  try {
    watcher = watch(runDir(runsDir, id), () => void check());
    watcher.on("error", () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    watcher = undefined; // polling alone
  }
  const poll = setInterval(() => void check(), options.pollIntervalMs);
  const heartbeat = setInterval(() => {
    if (!closed) res.write(": ping\n\n");
  }, options.heartbeatMs);

  const close = (): void => {
    if (closed) return;
    closed = true;
    watcher?.close();
    clearInterval(poll);
    clearInterval(heartbeat);
    res.end();
  };
  req.on("close", close);
  res.on("close", close);
  void check();
  return { close };
}
