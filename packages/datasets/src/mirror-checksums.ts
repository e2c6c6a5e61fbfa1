import { DatasetFormatError } from "./errors.js";
import { DATASETS, type RemoteFile } from "./registry.js";

/**
 * Parse a mirror's checksum list: a JSON array of `{ "name", "size", "md5" }` for a mirror that serves
 * re-packed files (gzipped again, so their bytes and MD5 differ from the published ones while their content,
 * checked on its SHA-256 after gunzip, is the same). Each entry replaces the registry's size and MD5 of that
 * file and keeps its content checksum, so a mirror serving other content is still rejected.
 * @param text the list's JSON text.
 * @param source where it came from (a file name), for error messages.
 * @throws {DatasetFormatError} `BAD_CHECKSUMS`, naming the source and the entry at fault.
 */
export function parseMirrorChecksums(text: string, source: string): RemoteFile[] {
  const fail = (fault: string) => new DatasetFormatError("BAD_CHECKSUMS", source, fault);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fail(`cannot read it as JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw fail("expected a JSON array of { name, size, md5 }");
  return parsed.map((entry: unknown, i): RemoteFile => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (typeof e.name !== "string" || e.name === "") throw fail(`[${i}].name: must be a file name`);
    if (typeof e.size !== "number" || !Number.isInteger(e.size) || e.size <= 0)
      throw fail(`[${i}].size: must be a positive integer (bytes)`);
    if (typeof e.md5 !== "string" || !/^[0-9a-f]{32}$/.test(e.md5))
      throw fail(`[${i}].md5: must be 32 lowercase hex digits`);
    const known = Object.values(DATASETS)
      .flatMap((d) => d.files)
      .find((f) => f.name === e.name);
    if (!known) throw fail(`[${i}].name: ${e.name} is no file of a known data set`);
    return { ...known, size: e.size, md5: e.md5 };
  });
}
