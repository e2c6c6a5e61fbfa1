import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, sep } from "node:path";
import { sendError } from "./respond.js";

/** Content types of the files the API serves, by extension. */
export const ARTIFACT_CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Content type of a checkpoint file: JSON (trainer.json) as JSON, weights (safetensors) as bytes. */
export function checkpointContentType(file: string): string {
  return extname(file).toLowerCase() === ".json"
    ? "application/json; charset=utf-8"
    : "application/octet-stream";
}

/**
 * Stream the regular file at `path` (called `label` in messages, so server paths are not shown) if it resolves (after symlinks) inside `root`, else 404. The
 * containment check is the second line of defence after name validation: a symlink planted in a run
 * folder cannot expose other files.
 */
export async function serveFile(
  res: ServerResponse,
  path: string,
  root: string,
  contentType: string,
  label: string,
): Promise<void> {
  let real: string;
  let size: number;
  try {
    const realRoot = await realpath(root);
    real = await realpath(path);
    const info = await stat(real);
    if (!info.isFile() || !real.startsWith(realRoot + sep)) throw new Error("outside");
    size = info.size;
  } catch {
    sendError(res, 404, "FILE_NOT_FOUND", `No file ${label}`);
    return;
  }
  res.writeHead(200, {
    "content-type": contentType,
    "content-length": size,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    // An SVG opened directly must not run scripts.
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  });
  const stream = createReadStream(real);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}
