import type { MetricsResponse, RunDetailResponse, RunsListResponse } from "@mlp-lab/runs/schema";
import type { RunFilesResponse } from "../run-files-response.js";
import { fetchBytes, fetchJson } from "./fetch-api.js";

/** Which checkpoint of a run. */
export type CheckpointWhich = "best" | "last";

const runUrl = (id: string) => `api/runs/${encodeURIComponent(id)}`;

/** URLs of the runs API, relative to the page so the app works under any mount point. */
export const apiUrls = {
  runs: () => "api/runs",
  files: (id: string) => `viewer-api/runs/${encodeURIComponent(id)}/files`,
  run: runUrl,
  metrics: (id: string) => `${runUrl(id)}/metrics`,
  /** metrics.jsonl as a download: one row per epoch and phase. */
  metricsExport: (id: string, format: "csv" | "json") => `${runUrl(id)}/metrics.${format}`,
  events: (id: string) => `${runUrl(id)}/events`,
  artifact: (id: string, name: string) => `${runUrl(id)}/artifacts/${encodeURIComponent(name)}`,
  checkpoint: (id: string, which: CheckpointWhich, file: string) =>
    `${runUrl(id)}/checkpoint/${which}/${encodeURIComponent(file)}`,
};

/** Every run folder, newest first; corrupt runs come as `{ ok: false }` entries. */
export function listRuns(signal?: AbortSignal): Promise<RunsListResponse> {
  return fetchJson<RunsListResponse>(apiUrls.runs(), signal);
}

/** One run's record. */
export function getRun(id: string, signal?: AbortSignal): Promise<RunDetailResponse> {
  return fetchJson<RunDetailResponse>(apiUrls.run(id), signal);
}

/** One run's metrics lines. */
export function getMetrics(id: string, signal?: AbortSignal): Promise<MetricsResponse> {
  return fetchJson<MetricsResponse>(apiUrls.metrics(id), signal);
}

// Several sections of a page ask at once; one request per run and page load is enough.
const filesRequests = new Map<string, Promise<RunFilesResponse>>();

/**
 * The artifact and checkpoint file names of a run. Pages ask for files only when listed here, since every
 * 404 would show as an error in the browser console. Shared by the sections of a page for a few seconds,
 * then re-read; the shared request is never aborted (it is tiny), only a caller's wait for it.
 */
export function getRunFiles(id: string, signal?: AbortSignal): Promise<RunFilesResponse> {
  let request = filesRequests.get(id);
  if (!request) {
    request = fetchJson<RunFilesResponse>(apiUrls.files(id));
    filesRequests.set(id, request);
    const forget = () => filesRequests.delete(id);
    request.then(() => setTimeout(forget, 5000), forget);
  }
  if (!signal) return request;
  return Promise.race([
    request,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    }),
  ]);
}

/** A JSON artifact, or null when the run has none of that name (older runs, runs still training). */
export async function getArtifact(id: string, name: string, signal?: AbortSignal): Promise<unknown | null> {
  const files = await getRunFiles(id, signal);
  if (!files.artifacts.includes(name)) return null;
  return fetchJson<unknown>(apiUrls.artifact(id, name), signal);
}

/** A checkpoint file as JSON. */
export function getCheckpointJson<T>(
  id: string,
  which: CheckpointWhich,
  file: string,
  signal?: AbortSignal,
): Promise<T> {
  return fetchJson<T>(apiUrls.checkpoint(id, which, file), signal);
}

/** A checkpoint file as bytes. */
export function getCheckpointBytes(
  id: string,
  which: CheckpointWhich,
  file: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  return fetchBytes(apiUrls.checkpoint(id, which, file), signal);
}
