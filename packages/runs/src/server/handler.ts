import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve } from "node:path";
import { RunNotFoundError } from "../errors.js";
import { listRuns, readRunEntry } from "../list-runs.js";
import { readMetricsWithLines } from "../read-metrics.js";
import { artifactPath, checkpointPath, runDir } from "../run-paths.js";
import type { MetricsResponse } from "../schema/api.js";
import { type HostCheckOptions, createHostGuard } from "./host-check.js";
import { runsListBody } from "./list-body.js";
import { sendMetricsExport } from "./metrics-export.js";
import { sendError, sendJson, sendJsonText, sendStoreError } from "./respond.js";
import { type ApiRoute, matchRoute } from "./route.js";
import { type RunEventStream, streamRunEvents } from "./run-events.js";
import { ARTIFACT_CONTENT_TYPES, checkpointContentType, serveFile } from "./serve-file.js";
import { EventStreamLimit } from "./stream-limit.js";
import { sendSweeps } from "./sweeps.js";

/** Options of {@link createRunsApiHandler}. */
export interface RunsApiOptions {
  /** The runs folder to serve. */
  runsDir: string;
  /** URL prefix of the API. Default `"/api"`. */
  basePath?: string;
  /** Event streams re-check files this often besides fs.watch notifications. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Event streams send a keep-alive comment this often. Default 15000 ms. */
  heartbeatMs?: number;
  /**
   * `Host` header check against DNS rebinding (see `createHostCheck`): on by default, accepting
   * localhost and IP literals; pass the bound host and extra names here, or `false` when a guard in front
   * of this handler already checks.
   */
  hostCheck?: HostCheckOptions | false;
  /** Most event streams open at once; more get 503 with `Retry-After`. Default 64. */
  maxEventStreams?: number;
}

/**
 * A request handler for the runs API. It returns true when it handled the request (any path under the
 * base path, errors included) and false otherwise, so a server can fall through to static files.
 */
export interface RunsApiHandler {
  (req: IncomingMessage, res: ServerResponse): boolean;
  /** End every open event stream (call before `server.close()`, which waits for open connections). */
  close(): void;
}

async function assertRunFolder(runsDir: string, id: string): Promise<void> {
  const isDir = await stat(runDir(runsDir, id)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new RunNotFoundError(id, runsDir);
}

/**
 * Create the read-only JSON API over `runsDir` (see the README for every route and its response):
 * `GET /api/runs`, `/api/runs/:id`, `/api/runs/:id/metrics`, `/api/runs/:id/artifacts/:name`,
 * `/api/runs/:id/checkpoint/:which/:file` and `/api/runs/:id/events` (server-sent events). Other paths
 * under the base give 404 JSON, methods other than GET and HEAD 405, unsafe ids and names 400.
 */
export function createRunsApiHandler(options: RunsApiOptions): RunsApiHandler {
  const runsDir = resolve(options.runsDir);
  const base = (options.basePath ?? "/api").replace(/\/+$/, "");
  const streams = new Set<RunEventStream>();
  const limit = new EventStreamLimit(options.maxEventStreams);
  const rejectHost = options.hostCheck === false ? () => false : createHostGuard(options.hostCheck);

  const serve = async (
    route: ApiRoute,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> => {
    switch (route.kind) {
      case "list": {
        // RunsListResponse, serialised with each unchanged run's JSON reused (see runsListBody).
        sendJsonText(res, 200, runsListBody(await listRuns(runsDir)));
        return;
      }
      case "sweeps": {
        // `<runsDir>/.sweeps/<id>/sweep.json`, read generically (see sweeps.ts).
        await sendSweeps(res, runsDir, route.id);
        return;
      }
      case "run": {
        const entry = await readRunEntry(runsDir, route.id);
        if (entry.ok) sendJson(res, 200, entry);
        else sendStoreError(res, entry.error);
        return;
      }
      case "metrics": {
        const { entries, lines } = await readMetricsWithLines(runsDir, route.id);
        const body: MetricsResponse = { id: route.id, entries, lines };
        sendJson(res, 200, body);
        return;
      }
      case "metrics-export": {
        await sendMetricsExport(res, runsDir, route.id, route.format);
        return;
      }
      case "artifact": {
        await assertRunFolder(runsDir, route.id);
        const type = ARTIFACT_CONTENT_TYPES[extname(route.name).toLowerCase()];
        if (type === undefined) {
          const allowed = Object.keys(ARTIFACT_CONTENT_TYPES).join(", ");
          sendError(res, 404, "UNSUPPORTED_ARTIFACT", `Artifact ${route.name} is not one of ${allowed}`);
          return;
        }
        const path = artifactPath(runsDir, route.id, route.name);
        await serveFile(res, path, runDir(runsDir, route.id), type, `${route.id}/artifacts/${route.name}`);
        return;
      }
      case "checkpoint": {
        await assertRunFolder(runsDir, route.id);
        const folder = checkpointPath(runsDir, route.id, route.which);
        const label = `${route.id}/checkpoints/${route.which}/${route.file}`;
        await serveFile(
          res,
          `${folder}/${route.file}`,
          runDir(runsDir, route.id),
          checkpointContentType(route.file),
          label,
        );
        return;
      }
      case "events": {
        // Taken before the first await, so a burst of requests cannot all pass the bound.
        if (!limit.acquire(res)) return;
        await assertRunFolder(runsDir, route.id);
        const fromHeader = req.headers["last-event-id"];
        const fromText = typeof fromHeader === "string" ? fromHeader : (url.searchParams.get("from") ?? "0");
        const from = Number(fromText);
        if (!Number.isInteger(from) || from < 0) {
          sendError(
            res,
            400,
            "BAD_REQUEST",
            `from must be a non-negative integer, got ${JSON.stringify(fromText)}`,
          );
          return;
        }
        const stream = streamRunEvents(req, res, {
          runsDir,
          id: route.id,
          from,
          pollIntervalMs: options.pollIntervalMs ?? 1000,
          heartbeatMs: options.heartbeatMs ?? 15_000,
        });
        streams.add(stream);
        res.on("close", () => streams.delete(stream));
        return;
      }
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    if (path !== base && !path.startsWith(`${base}/`)) return false;
    if (rejectHost(req, res)) return true;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendError(res, 405, "METHOD_NOT_ALLOWED", `${req.method} is not allowed; the runs API is read-only`, {
        allow: "GET, HEAD",
      });
      return true;
    }
    const match = matchRoute(path.slice(base.length + 1), path);
    if (!match.ok) {
      sendError(res, match.status, match.code, match.message);
      return true;
    }
    serve(match.route, req, res, url).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendStoreError(res, error);
    });
    return true;
  };

  return Object.assign(handler, {
    close(): void {
      for (const stream of streams) stream.close();
      streams.clear();
    },
  });
}
