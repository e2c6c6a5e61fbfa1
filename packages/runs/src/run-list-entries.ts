import type { RunListEntry } from "./list-runs.js";
import type { RunListEntryJson } from "./schema/api.js";
import type { RunStatus } from "./schema/run-record.js";

/** What {@link filterRunEntries} keeps: each field given must match. */
export interface RunListFilter {
  /** Effective status (a `running` run whose writer is gone counts as `interrupted`). */
  status?: RunStatus | string;
  /** A tag the run carries. */
  tag?: string;
  /** The run's data set. */
  dataset?: string;
}

/**
 * The entries of a listing that match `filter`. Unreadable runs are always kept: they may be what the
 * user is looking for, and hiding them would hide the damage.
 */
export function filterRunEntries(entries: readonly RunListEntry[], filter: RunListFilter): RunListEntry[] {
  return entries.filter(
    (e) =>
      !e.ok ||
      ((!filter.status || e.run.status === filter.status) &&
        (!filter.tag || e.run.tags.includes(filter.tag)) &&
        (!filter.dataset || e.run.config.dataset === filter.dataset)),
  );
}

/** The JSON form of a list entry, as `GET /api/runs` and `mlp runs --json` give it: errors as `{ code, message }`. */
export function runListEntryJson(entry: RunListEntry): RunListEntryJson {
  return entry.ok
    ? { ok: true, id: entry.id, stale: entry.stale, run: entry.run }
    : { ok: false, id: entry.id, error: { code: entry.error.code, message: entry.error.message } };
}
