import { type Server, createServer } from "node:http";
import { type RunsApiOptions, createRunsApiHandler } from "./handler.js";
import { sendError } from "./respond.js";

/** A started API server. */
export interface RunsApiServer {
  server: Server;
  /** `http://host:port` it listens on. */
  url: string;
  /** End event streams and stop listening. */
  close(): Promise<void>;
}

/**
 * Start a server with only the runs API (other paths 404) on `host` (default 127.0.0.1) and `port`
 * (default 0: any free port). `mlp serve` mounts {@link createRunsApiHandler} beside the viewer instead;
 * this is for tests and scripts.
 */
export async function createRunsApiServer(
  options: RunsApiOptions & { host?: string; port?: number },
): Promise<RunsApiServer> {
  const host = options.host ?? "127.0.0.1";
  const handler = createRunsApiHandler({
    ...options,
    hostCheck: options.hostCheck === false ? false : { boundHost: host, ...options.hostCheck },
  });
  const server = createServer((req, res) => {
    if (!handler(req, res)) sendError(res, 404, "NOT_FOUND", `No route ${req.url ?? ""}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        handler.close();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
