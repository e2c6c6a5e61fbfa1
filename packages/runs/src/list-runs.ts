import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { RunStoreError, checkRunsDir } from "./errors.js";
import { readRun } from "./read-run.js";
import { isValidRunId, validateRunId } from "./run-id.js";
import { RUN_FILE } from "./run-paths.js";
import type { RunRecord } from "./schema/run-record.js";
import { applyStaleness } from "./writer-liveness.js";

/** A run that could be read. `id` is the folder name (use it to address the run). */
export interface RunListOk {
  ok: true;
  id: string;
  /** The record, with the staleness rule applied to `status`. */
  run: RunRecord;
  /** True when run.json says `running` but the writer is gone (reported as `interrupted`). */
  stale: boolean;
}

/** A run folder that could not be read; the others are still listed. */
export interface RunListError {
  ok: false;
  id: string;
  /** Why: usually a {@link CorruptRunError} or {@link InvalidRunIdError}. */
  error: RunStoreError;
}

/** One entry of {@link listRuns}. */
export type RunListEntry = RunListOk | RunListError;

/** Read one run as a list entry: never throws for a bad run, only returns `{ ok: false }`. */
export async function readRunEntry(runsDir: string, id: string): Promise<RunListEntry> {
  try {
    validateRunId(id);
    const { run, stale } = applyStaleness(await readRun(runsDir, id, { raw: true }));
    return { ok: true, id, run, stale };
  } catch (error) {
    if (error instanceof RunStoreError) return { ok: false, id, error };
    const wrapped = new RunStoreError("CORRUPT_RUN", `${id}: ${(error as Error).message}`);
    return { ok: false, id, error: wrapped };
  }
}

/** A run.json parsed earlier, valid while the file keeps its inode, size and modification time. */
interface CachedRecord {
  ino: number;
  size: number;
  mtimeMs: number;
  run: RunRecord;
}

/**
 * Parsed run.json files by path. Listing a store re-validates every record with the schema, which costs
 * about a millisecond each (seconds at thousands of runs); a `stat` tells whether the file changed. Writers
 * replace run.json by rename (a new inode), so an unchanged inode, size and mtime means unchanged content.
 * Entries of runs no longer listed are dropped on each listing, so the cache never outgrows the store.
 */
const recordCache = new Map<string, CachedRecord>();

/**
 * The entry of run `id` from {@link recordCache} when its run.json (at `path`) is unchanged, with the
 * staleness rule applied afresh (writers come and go); undefined when it must be read.
 */
function cachedEntry(id: string, path: string): RunListEntry | undefined {
  const cached = recordCache.get(path);
  if (cached === undefined) return undefined;
  // Synchronous on purpose: a stat is a few microseconds, far less than a trip through libuv's thread
  // pool, and thousands of them in flight would starve other requests of that pool.
  const info = statSync(path, { throwIfNoEntry: false });
  if (
    info === undefined ||
    info.ino !== cached.ino ||
    info.size !== cached.size ||
    info.mtimeMs !== cached.mtimeMs
  ) {
    return undefined;
  }
  const { run, stale } = applyStaleness(cached.run);
  return { ok: true, id, run, stale };
}

/** {@link readRunEntry}, remembering a valid record in {@link recordCache} with the file's identity. */
async function readAndCache(runsDir: string, id: string, path: string): Promise<RunListEntry> {
  const before = statSync(path, { throwIfNoEntry: false });
  const entry = await readRunEntry(runsDir, id);
  if (entry.ok && before !== undefined) {
    // The record as stored: staleness is applied on each listing, not frozen into the cache.
    const run = entry.stale ? { ...entry.run, status: "running" as const } : entry.run;
    recordCache.set(path, { ino: before.ino, size: before.size, mtimeMs: before.mtimeMs, run });
  } else recordCache.delete(path);
  return entry;
}

/**
 * Every run folder in `runsDir`, newest first (ids start with a timestamp). A run whose run.json is
 * missing, corrupt or from a newer schema comes back as `{ ok: false, id, error }` and never stops the
 * others. Hidden entries (temporary files and folders start with ".") and plain files are skipped. A
 * missing `runsDir` lists as empty.
 */
export async function listRuns(runsDir: string): Promise<RunListEntry[]> {
  checkRunsDir(runsDir, "listRuns");
  let names: string[];
  try {
    const entries = await readdir(resolve(runsDir), { withFileTypes: true });
    names = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  names.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const root = join(resolve(runsDir), sep);
  const paths = names.map((name) => `${root}${name}${sep}${RUN_FILE}`);
  // Forget runs no longer listed (deleted), so the cache never outgrows the store.
  const listed = new Set(paths);
  for (const path of recordCache.keys()) {
    if (path.startsWith(root) && !listed.has(path)) recordCache.delete(path);
  }
  return Promise.all(
    names.map((name, i) => {
      const path = paths[i]!;
      if (!isValidRunId(name)) return readRunEntry(runsDir, name);
      return cachedEntry(name, path) ?? readAndCache(runsDir, name, path);
    }),
  );
}

/** The ids of every run folder with a valid name, sorted ascending (for prefix lookup). */
export async function listRunIds(runsDir: string): Promise<string[]> {
  checkRunsDir(runsDir, "listRunIds");
  try {
    const entries = await readdir(resolve(runsDir), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && isValidRunId(e.name))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
