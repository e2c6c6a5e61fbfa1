import { realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, sep } from "node:path";
import { sendFile } from "./send-file.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".gz": "application/gzip",
};

/** Serves the built app from one folder; returns false for requests it does not handle (never writes then). */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Options of {@link createStaticHandler}. */
export interface StaticHandlerOptions {
  /**
   * URL path the folder is served under, with both slashes (default `/`). Requests outside it return
   * false, unanswered, so another handler can take them.
   */
  mount?: string;
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}

/** The real path of `relative` inside `root`, or null when it is missing, not a file, or escapes `root`. */
async function fileInside(root: string, relative: string): Promise<string | null> {
  try {
    const path = await realpath(join(root, relative));
    if (!path.startsWith(root + sep)) return null;
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

/**
 * Static files of a built app under `/` (or `options.mount`). Paths are decoded, rejected when they hold
 * `..`, NUL or a backslash, and must resolve (after symlinks) inside `appDir`. The apps route in the URL
 * hash, so any other path is a 404.
 */
export async function createStaticHandler(
  appDir: string,
  options: StaticHandlerOptions = {},
): Promise<StaticHandler> {
  const root = await realpath(appDir);
  const mount = options.mount ?? "/";
  if (!mount.startsWith("/") || !mount.endsWith("/"))
    throw new TypeError(`createStaticHandler: mount must start and end with "/", got "${mount}"`);
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://viewer.invalid");
    if (!url.pathname.startsWith(mount)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendText(res, 405, "method not allowed\n", { allow: "GET, HEAD" });
      return true;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      sendText(res, 400, "bad percent-encoding in the path\n");
      return true;
    }
    if (path.includes("\0") || path.includes("\\") || path.split("/").includes("..")) {
      sendText(res, 400, "unsafe path\n");
      return true;
    }
    // The mount is plain ASCII: cutting it from the decoded path cuts the same characters.
    const inner = path.slice(mount.length);
    const wanted = inner === "" ? "index.html" : inner;
    const file = await fileInside(root, wanted);
    if (!file) {
      sendText(res, 404, `not found: ${path}\n`);
      return true;
    }
    // Vite names built assets by content hash, so they never change; the page itself must be re-read.
    const immutable = wanted.startsWith("assets/");
    await sendFile(req, res, file, {
      contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      size: (await stat(file)).size,
      cacheControl: immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    return true;
  };
}
