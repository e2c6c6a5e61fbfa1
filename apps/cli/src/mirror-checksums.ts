import { readFileSync } from "node:fs";
import { DatasetError, type RemoteFile, parseMirrorChecksums } from "@mlp-lab/datasets";
import { UsageError } from "./cli-error.js";

/**
 * Reads `--checksums <file>` (a mirror's `{ name, size, md5 }` list, see `parseMirrorChecksums`).
 * @throws {UsageError} naming the flag, the file and the entry at fault.
 */
export function readMirrorChecksums(path: string): RemoteFile[] {
  try {
    return parseMirrorChecksums(readFileSync(path, "utf8"), path);
  } catch (error) {
    const fault =
      error instanceof DatasetError ? error.fault : `cannot read it (${(error as Error).message})`;
    throw new UsageError(`--checksums ${path}: ${fault}`);
  }
}
