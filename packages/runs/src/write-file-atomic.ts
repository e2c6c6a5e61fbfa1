import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Temporary files start with this, so listings and the API can tell them apart (ids never start with "."). */
export const TEMP_PREFIX = ".";

/** Write all of `data` to `fd`: writeSync may write less than asked. */
export function writeAllSync(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset);
}

function fsyncDirectory(dir: string): void {
  // Makes the rename itself durable. Some platforms (Windows) cannot open a folder; the rename is
  // still atomic there, only its durability on power loss is weaker.
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // best effort, see above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replace `path` with `data` so readers see either the old or the new content, never a mix: write a
 * temporary file in the same folder (`.<name>.<random>.tmp`, same file system so rename is atomic),
 * fsync it, rename it over `path`, fsync the folder. A process killed at any point leaves the old file
 * intact and at worst a hidden temporary file. The temporary file is removed if a step fails.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o644);
    writeAllSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dir);
}

/** {@link writeFileAtomic} of `JSON.stringify(value, null, 2)` plus a final newline. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
