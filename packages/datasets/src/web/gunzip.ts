import { DatasetFormatError } from "../errors.js";

/** True when the bytes start with the gzip magic number `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompress gzip bytes with the platform's `DecompressionStream` (browsers, Deno, Node 18+); bytes that are
 * not gzip are returned as they are, so a raw IDX copy and a `.gz` one load alike.
 * @param path names the file in errors.
 */
export async function gunzipIfNeeded(bytes: Uint8Array, path: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  if (typeof DecompressionStream === "undefined") {
    throw new DatasetFormatError("BAD_GZIP", path, "this runtime has no DecompressionStream to gunzip it");
  }
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new DatasetFormatError("BAD_GZIP", path, `not valid gzip: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
