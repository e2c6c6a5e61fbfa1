import type { RunDetailResponse } from "@mlp-lab/runs/schema";
import { listRuns } from "../../api/runs-api.js";
import { type AsyncState, useAsync } from "../../api/use-async.js";

/** The run's entry in the list: readable, corrupt (with the store's message), or absent. */
async function findRun(id: string, signal: AbortSignal): Promise<RunDetailResponse> {
  // The list answers 200 with corrupt runs as `{ ok: false }` entries, where `GET /api/runs/:id` would answer
  // 422 and the browser would log it as a console error.
  const { runs } = await listRuns(signal);
  const entry = runs.find((r) => r.id === id);
  if (!entry) throw new Error(`there is no run ${id} in this runs folder`);
  if (!entry.ok) throw new Error(`${entry.error.message} (${entry.error.code})`);
  return entry;
}

/** One run's record, loaded once per page; a corrupt or missing run comes back as the error. */
export function useRunDetail(id: string): AsyncState<RunDetailResponse> {
  return useAsync((signal) => findRun(id, signal), [id]);
}
