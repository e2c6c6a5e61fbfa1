import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { RunStoreError } from "./errors.js";
import { readRun } from "./read-run.js";
import { isValidRunId, validateRunId } from "./run-id.js";
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

/**
 * Every run folder in `runsDir`, newest first (ids start with a timestamp). A run whose run.json is
 * missing, corrupt or from a newer schema comes back as `{ ok: false, id, error }` and never stops the
 * others. Hidden entries (temporary files and folders start with ".") and plain files are skipped. A
 * missing `runsDir` lists as empty.
 */
export async function listRuns(runsDir: string): Promise<RunListEntry[]> {
  let names: string[];
  try {
    const entries = await readdir(resolve(runsDir), { withFileTypes: true });
    names = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  names.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return Promise.all(names.map((name) => readRunEntry(runsDir, name)));
}

/** The ids of every run folder with a valid name, sorted ascending (for prefix lookup). */
export async function listRunIds(runsDir: string): Promise<string[]> {
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
