import type { RunListEntry } from "../list-runs.js";
import type { RunListEntryJson } from "../schema/api.js";
import { toApiError } from "./respond.js";

/**
 * JSON of each unchanged run's list entry, keyed by its record object: `listRuns` hands back the same
 * record object while run.json is unchanged, so a listing of thousands of runs serialises only the runs
 * that changed (the rest is string concatenation).
 */
const entryJson = new WeakMap<object, string>();

/** The body of `GET /api/runs` (`{ "runs": [...] }`) for `entries`, reusing each unchanged entry's JSON. */
export function runsListBody(entries: readonly RunListEntry[]): string {
  const parts = entries.map((e) => {
    if (!e.ok) {
      const json: RunListEntryJson = { ok: false, id: e.id, error: toApiError(e.error) };
      return JSON.stringify(json);
    }
    // A stale entry is a fresh copy each time (status rewritten): not worth caching.
    if (e.stale) return JSON.stringify(e);
    let text = entryJson.get(e.run);
    if (text === undefined) {
      text = JSON.stringify(e);
      entryJson.set(e.run, text);
    }
    return text;
  });
  return `{"runs":[${parts.join(",")}]}`;
}
