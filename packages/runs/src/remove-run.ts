import { readFile, rm, stat } from "node:fs/promises";
import { RunInUseError, RunNotFoundError } from "./errors.js";
import { parseRunRecord } from "./parse-run-record.js";
import { runDir, runFilePath } from "./run-paths.js";
import type { RunRecord } from "./schema/run-record.js";
import { isWriterGone } from "./writer-liveness.js";

/** Options of {@link removeRun}. */
export interface RemoveRunOptions {
  /** Remove even when a live process on this host is still writing the run. Default false. */
  force?: boolean;
}

/**
 * Delete the folder of run `id` (exact id; resolve prefixes with {@link resolveRunId} first). Corrupt runs
 * can be removed. Throws {@link RunNotFoundError} when there is no such folder and {@link RunInUseError}
 * when the run is `running` and its writer is alive, unless `force`.
 */
export async function removeRun(runsDir: string, id: string, options: RemoveRunOptions = {}): Promise<void> {
  const dir = runDir(runsDir, id);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new RunNotFoundError(id, runsDir);
  if (!options.force) {
    const path = runFilePath(runsDir, id);
    let record: RunRecord | undefined;
    try {
      record = parseRunRecord(await readFile(path, "utf8"), path);
    } catch {
      // A missing or corrupt record cannot say who writes it; such a run is removable.
      record = undefined;
    }
    if (record?.status === "running" && !isWriterGone(record.writer)) {
      throw new RunInUseError(id, record.writer, "remove");
    }
  }
  await rm(dir, { recursive: true, force: true });
}
