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
 * Most bytes a gzip file may expand to (1 GiB): more than any IDX set this package reads (EMNIST's largest
 * file is 0.55 GB), few enough that a "gzip bomb" (a few kB expanding to many GB) fails with a clear error
 * instead of exhausting memory.
 */
export const MAX_GUNZIP_BYTES = 1 << 30;

/**
 * Gunzip bytes when they are gzip (detected by magic, not by file name, so a raw file named `.gz` or a
 * gzip file without the suffix both work); a broken stream is reported against `path`.
 */
export async function maybeGunzip(
  bytes: Uint8Array,
  path: string,
  maxBytes: number = MAX_GUNZIP_BYTES,
): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const out = await gunzipAsync(bytes, { maxOutputLength: maxBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new DatasetFormatError("TOO_LARGE", path, `gzip data expands beyond ${maxBytes} bytes`, {
        cause: error,
      });
    }
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
