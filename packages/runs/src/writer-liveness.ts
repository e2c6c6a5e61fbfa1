import { hostname } from "node:os";
import type { RunRecord, WriterInfo } from "./schema/run-record.js";

/** Whether a process with this pid exists on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    // Signal 0 checks existence without sending anything.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; only ESRCH means gone.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the writer is known to be gone: same host and no such process. A writer on another host
 * cannot be checked and counts as alive. (A pid reused by an unrelated process also counts as alive; the
 * run then shows `running` until that process ends, which errs on the safe side.)
 */
export function isWriterGone(writer: WriterInfo, host: string = hostname()): boolean {
  return writer.hostname === host && !isProcessAlive(writer.pid);
}

/**
 * The staleness rule: a `running` run whose writer is gone is reported as `interrupted`. Returns the
 * record to show (a copy when changed; the file is never rewritten) and whether the rule applied.
 */
export function applyStaleness(run: RunRecord): { run: RunRecord; stale: boolean } {
  if (run.status !== "running" || !isWriterGone(run.writer)) return { run, stale: false };
  return { run: { ...run, status: "interrupted" }, stale: true };
}
