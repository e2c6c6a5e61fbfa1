// Test-only: a tiny HTTP server on 127.0.0.1 serving fixture bytes, with a route that drops the
// connection halfway through a body, to exercise downloads without any network.
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A running fixture server: its base URL and how to stop it. */
export interface FixtureServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serve `files` at `/<name>`; a name listed in `dropAfterHalf` announces its full length, sends half, then
 * destroys the socket. Unknown names get 404.
 */
export async function startFixtureServer(
  files: Record<string, Uint8Array>,
  dropAfterHalf: readonly string[] = [],
): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? "/").slice(1));
    const body = files[name];
    if (body === undefined) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-length": body.length, "content-type": "application/octet-stream" });
    if (dropAfterHalf.includes(name)) {
      res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
