import { existsSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createHostGuard, createRunsApiHandler } from "@mlp-lab/runs/server";
import { type CourseDataSource, createCourseDataHandler } from "./course-data.js";
import { serveRunFiles } from "./run-files.js";
import { type StaticHandler, createStaticHandler } from "./static-files.js";
import { ViewerServerError } from "./viewer-server-error.js";

/** Options of {@link startViewerServer}. */
export interface ViewerServerOptions {
  /** The runs folder to serve read-only. */
  runsDir: string;
  /** The built app (the folder holding index.html). */
  appDir: string;
  /** Interface to bind; 127.0.0.1 unless the caller asks otherwise, so runs are not shared by accident. */
  host?: string;
  /** Port; 0 picks a free one. */
  port?: number;
  /** How often event streams re-check files besides fs.watch (ms); tests lower it. */
  pollIntervalMs?: number;
  /** Host names accepted in `Host` headers besides localhost, IP literals and `host` (DNS rebinding check). */
  allowedHosts?: readonly string[];
  /** Most live event streams open at once (default 64); more get 503. */
  maxEventStreams?: number;
  /** The built course page (`@mlp-lab/course-web`'s dist/static), served at `/course/`. */
  courseDir?: string;
  /**
   * Local data copies the course page fetches from `/course/data/<set>/<file>`, by data set name (`mnist`,
   * `fashion-mnist`); a set not listed falls back to the course folder's own `data/` when it has one.
   */
  courseData?: Readonly<Record<string, CourseDataSource>>;
}

/** A running viewer server. */
export interface ViewerServer {
  server: Server;
  /** Base URL, e.g. `http://127.0.0.1:5174/`. */
  url: string;
  /** URL of the course page when `courseDir` was given, e.g. `http://127.0.0.1:5174/course/`. */
  courseUrl?: string;
  /** Ends open event streams and stops listening. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Where the course page is served. */
export const COURSE_PATH = "/course/";

/** The course page's routes: `/course` redirects to `/course/`, data files, then the built page. */
async function courseHandler(
  options: ViewerServerOptions,
): Promise<((req: IncomingMessage, res: ServerResponse) => Promise<boolean>) | undefined> {
  if (options.courseDir === undefined) return undefined;
  const courseDir = resolve(options.courseDir);
  if (!existsSync(join(courseDir, "index.html"))) {
    throw new ViewerServerError(
      "COURSE_NOT_BUILT",
      `the course page is not built: ${join(courseDir, "index.html")} is missing (run \`pnpm --filter @mlp-lab/course-web build\`)`,
    );
  }
  const data = createCourseDataHandler(options.courseData ?? {}, `${COURSE_PATH}data/`);
  const page: StaticHandler = await createStaticHandler(courseDir, { mount: COURSE_PATH });
  return async (req, res) => {
    const path = new URL(req.url ?? "/", "http://viewer.invalid").pathname;
    if (path === COURSE_PATH.slice(0, -1)) {
      // The page's URLs are relative (assets/, data/): they resolve only under the trailing slash.
      res.writeHead(301, { location: COURSE_PATH });
      res.end();
      return true;
    }
    return (await data(req, res)) || page(req, res);
  };
}

/**
 * Serve the viewer: `/api/*` is the runs API of `@mlp-lab/runs/server`, `/viewer-api/runs/:id/files` lists a
 * run's artifacts and checkpoint files, `/course/` the course page and its data when `courseDir` is given,
 * everything else is the built app. Resolves once listening.
 */
export async function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const appDir = resolve(options.appDir);
  if (!existsSync(join(appDir, "index.html"))) {
    throw new ViewerServerError(
      "APP_NOT_BUILT",
      `the viewer app is not built: ${join(appDir, "index.html")} is missing (run \`pnpm --filter @mlp-lab/viewer build\`)`,
    );
  }
  const host = options.host ?? "127.0.0.1";
  // Every path, not only the API, is behind the Host check (see createHostGuard).
  const rejectHost = createHostGuard({ boundHost: host, allowedHosts: options.allowedHosts ?? [] });
  const api = createRunsApiHandler({
    runsDir: resolve(options.runsDir),
    hostCheck: false,
    ...(options.maxEventStreams !== undefined ? { maxEventStreams: options.maxEventStreams } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  const serveStatic = await createStaticHandler(appDir);
  const serveCourse = await courseHandler(options);
  const runsDir = resolve(options.runsDir);
  const server = createServer((req, res) => {
    if (rejectHost(req, res)) return;
    if (api(req, res)) return;
    serveRunFiles(runsDir, req, res)
      .then(async (handled) => handled || (await serveCourse?.(req, res)) || serveStatic(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(`internal error: ${(error as Error).message}\n`);
      });
  });
  await new Promise<void>((done, fail) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        new ViewerServerError(
          "LISTEN_FAILED",
          `cannot listen on ${host}:${options.port ?? 0}: ${error.code ?? error.message}`,
          {
            cause: error,
          },
        ),
      ),
    );
    server.listen(options.port ?? 0, host, done);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}/`;
  return {
    server,
    url,
    ...(serveCourse ? { courseUrl: `${url}${COURSE_PATH.slice(1)}` } : {}),
    close: () =>
      new Promise<void>((done) => {
        api.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
