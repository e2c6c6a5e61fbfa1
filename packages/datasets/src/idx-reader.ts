import { type IdxArray, parseIdx } from "./idx-parse.js";
import { readMaybeGzip } from "./read-bytes.js";

export { parseIdx, type IdxArray, type IdxData, type IdxDtype } from "./idx-parse.js";

/**
 * Read an IDX file, raw or gzip-compressed (detected by content), and validate it.
 * Errors are {@link DatasetFormatError}s (or access errors) naming the file and the fault.
 */
export async function readIdx(path: string): Promise<IdxArray> {
  return parseIdx(await readMaybeGzip(path), path);
}
