import { readFileSync } from "node:fs";
import { DATASETS, type RemoteFile } from "@mlp-lab/datasets";
import { UsageError } from "./cli-error.js";

/**
 * Reads `--checksums <file>`: a JSON list of `{ "name", "size", "md5" }` for a mirror that serves re-packed
 * files (gzipped again, so their bytes and MD5 differ from the published ones while their content, checked
 * on its SHA-256 after gunzip, is the same). Each entry replaces the registry's size and MD5 of that file and
 * keeps its content checksum, so a mirror serving other content is still rejected.
 * @throws {UsageError} naming the file and the entry at fault.
 */
export function readMirrorChecksums(path: string): RemoteFile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`--checksums ${path}: cannot read it as JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed))
    throw new UsageError(`--checksums ${path}: expected a JSON array of { name, size, md5 }`);
  return parsed.map((entry: unknown, i): RemoteFile => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const at = `--checksums ${path}: [${i}]`;
    if (typeof e.name !== "string" || e.name === "") throw new UsageError(`${at}.name: must be a file name`);
    if (typeof e.size !== "number" || !Number.isInteger(e.size) || e.size <= 0)
      throw new UsageError(`${at}.size: must be a positive integer (bytes)`);
    if (typeof e.md5 !== "string" || !/^[0-9a-f]{32}$/.test(e.md5))
      throw new UsageError(`${at}.md5: must be 32 lowercase hex digits`);
    const known = Object.values(DATASETS)
      .flatMap((d) => d.files)
      .find((f) => f.name === e.name);
    if (!known) throw new UsageError(`${at}.name: ${e.name} is no file of a known data set`);
    return { ...known, size: e.size, md5: e.md5 };
  });
}
