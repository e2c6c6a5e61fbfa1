import { readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { CorruptRunError, RunNotFoundError } from "./errors.js";
import { parseRunRecord } from "./parse-run-record.js";
import { runDir, runFilePath } from "./run-paths.js";
import type { RunRecord } from "./schema/run-record.js";
import { applyStaleness } from "./writer-liveness.js";

/** Options of {@link readRun}. */
export interface ReadRunOptions {
  /** Return run.json exactly as stored, without the staleness rule. Default false. */
  raw?: boolean;
}

// A folder without run.json is a broken run; no folder at all is an unknown id.
function readFailure(error: unknown, folderIsDir: boolean, runsDir: string, id: string, path: string): Error {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    return folderIsDir
      ? new CorruptRunError(path, "missing", "run.json is missing")
      : new RunNotFoundError(id, runsDir);
  }
  return new CorruptRunError(path, "unreadable", `cannot be read (${(error as Error).message})`);
}

/**
 * Read and validate `<runsDir>/<id>/run.json`. By default a `running` run whose writer process is gone
 * comes back as `interrupted` (the file is not changed). Throws {@link RunNotFoundError} when there is
 * no such run folder, {@link CorruptRunError} when run.json is missing, unreadable, not JSON, not a valid
 * record or from a newer schema, and {@link InvalidRunIdError} for an unsafe id.
 */
export async function readRun(runsDir: string, id: string, options: ReadRunOptions = {}): Promise<RunRecord> {
  const path = runFilePath(runsDir, id);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const isDir = await stat(runDir(runsDir, id)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    throw readFailure(error, isDir, runsDir, id, path);
  }
  const record = parseRunRecord(text, path);
  return options.raw ? record : applyStaleness(record).run;
}

/** Synchronous {@link readRun} with `raw: true`, for writers (resume) that must not interleave. */
export function readRunSync(runsDir: string, id: string): RunRecord {
  const path = runFilePath(runsDir, id);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const isDir = statSync(runDir(runsDir, id), { throwIfNoEntry: false })?.isDirectory() ?? false;
    throw readFailure(error, isDir, runsDir, id, path);
  }
  return parseRunRecord(text, path);
}
