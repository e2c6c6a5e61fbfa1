import type { SweepDetail, SweepsListResponse } from "@mlp-lab/runs/server";
import { fetchJson } from "./fetch-api.js";

/** URLs of the sweeps API (`<runsDir>/.sweeps`), relative to the page like the runs API's. */
export const sweepsApiUrls = {
  sweeps: () => "api/sweeps",
  sweep: (id: string) => `api/sweeps/${encodeURIComponent(id)}`,
};

/** Every sweep of the runs folder, newest first; unreadable records come as `{ ok: false }` entries. */
export function listSweeps(signal?: AbortSignal): Promise<SweepsListResponse> {
  return fetchJson<SweepsListResponse>(sweepsApiUrls.sweeps(), signal);
}

/** One sweep: its summary, searched parameters and every trial. */
export function getSweep(id: string, signal?: AbortSignal): Promise<SweepDetail> {
  return fetchJson<SweepDetail>(sweepsApiUrls.sweep(id), signal);
}
