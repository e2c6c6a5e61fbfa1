import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The headers of a file answer that differ between callers. */
export interface SendFileHeaders {
  contentType: string;
  size: number;
  cacheControl: string;
}

/**
 * Answer a GET or HEAD with a file: status 200 with its type, length and caching headers, then (for GET)
 * its bytes streamed. A read error mid-stream destroys the response rather than sending a short body.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  headers: SendFileHeaders,
): Promise<void> {
  res.writeHead(200, {
    "content-type": headers.contentType,
    "content-length": headers.size,
    "cache-control": headers.cacheControl,
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on("error", () => {
      res.destroy();
      done();
    });
    stream.on("end", done);
    stream.pipe(res);
  });
}
