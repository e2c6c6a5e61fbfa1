import { existsSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createHostGuard, createRunsApiHandler } from "@mlp-lab/runs/server";
import { serveRunFiles } from "./run-files.js";
import { createStaticHandler } from "./static-files.js";
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
}

/** A running viewer server. */
export interface ViewerServer {
  server: Server;
  /** Base URL, e.g. `http://127.0.0.1:5174/`. */
  url: string;
  /** Ends open event streams and stops listening. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Serve the viewer: `/api/*` is the runs API of `@mlp-lab/runs/server`, `/viewer-api/runs/:id/files` lists a
 * run's artifacts and checkpoint files, everything else is the built app.
 * Resolves once listening.
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
  const runsDir = resolve(options.runsDir);
  const server = createServer((req, res) => {
    if (rejectHost(req, res)) return;
    if (api(req, res)) return;
    serveRunFiles(runsDir, req, res)
      .then((handled) => handled || serveStatic(req, res))
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
  return {
    server,
    url: `http://${urlHost(host)}:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        api.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
