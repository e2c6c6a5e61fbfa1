import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { DatasetAccessError, DatasetError, DatasetFormatError } from "./errors.js";

const gunzipAsync = promisify(gunzip);

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Read a whole file; any I/O failure becomes a {@link DatasetAccessError} naming the path. */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DatasetError("NOT_FOUND", path, "no such file", { cause: error });
    throw new DatasetAccessError(path, `cannot read file (${code ?? String(error)})`, { cause: error });
  }
}

/**
 * Gunzip bytes when they are gzip (detected by magic, not by file name, so a raw file named `.gz` or a
 * gzip file without the suffix both work); a broken stream is reported against `path`.
 */
export async function maybeGunzip(bytes: Uint8Array, path: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const out = await gunzipAsync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // zlib says "unexpected end of file" for a gzip stream cut short: that is a truncated download.
    if (/unexpected end/i.test(message)) {
      throw new DatasetFormatError("TRUNCATED", path, "gzip stream ends early (truncated file)", {
        cause: error,
      });
    }
    throw new DatasetFormatError("BAD_GZIP", path, `corrupt gzip data (${message})`, { cause: error });
  }
}

/** Read a file and gunzip it when it is gzip. */
export async function readMaybeGzip(path: string): Promise<Uint8Array> {
  return maybeGunzip(await readFileBytes(path), path);
}
