import { readFile, readdir } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { z } from "zod";
import { sendError, sendJson } from "./respond.js";

// The sweeps API reads `<runsDir>/.sweeps/<id>/sweep.json` (written by @mlp-lab/sweeps) generically:
// @mlp-lab/sweeps depends on this package, so the schema here lists only the fields the API returns
// and lets every other key through.

/** Folder of the sweep records inside a runs folder (hidden, so run listings skip it). */
export const SWEEPS_FOLDER = ".sweeps";
const SWEEP_FILE = "sweep.json";
const SAFE_SWEEP_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Whether `id` is a plain sweep folder name (no separators, no `..`). */
export function isSweepId(id: string): boolean {
  return SAFE_SWEEP_ID.test(id) && !id.includes("..");
}

const ParameterSchema = z.looseObject({
  values: z.array(z.unknown()).optional(),
  distribution: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

const TrialSchema = z.looseObject({
  number: z.int().nonnegative(),
  params: z.record(z.string(), z.unknown()),
  state: z.string(),
  runId: z.string().nullable().default(null),
  value: z.number().nullable().default(null),
  epochs: z.int().nonnegative().default(0),
  values: z.array(z.number().nullable()).default([]),
  rungs: z.array(z.looseObject({ epoch: z.number(), promoted: z.boolean() })).default([]),
  error: z.string().nullable().default(null),
});

const RecordSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable().default(null),
  spec: z.looseObject({
    method: z.string(),
    metric: z.object({ name: z.string(), goal: z.enum(["maximize", "minimize"]) }),
    maxTrials: z.int().positive().optional(),
    parameters: z.record(z.string(), ParameterSchema),
  }),
  trials: z.array(TrialSchema),
  best: z
    .object({
      trial: z.int().nonnegative(),
      value: z.number(),
      runId: z.string().nullable(),
      params: z.record(z.string(), z.unknown()),
    })
    .nullable()
    .default(null),
  error: z.string().nullable().default(null),
});

/** One searched parameter, as the API shows it: a value list or a distribution with bounds. */
export interface SweepParameterInfo {
  name: string;
  /** The listed values (grid/choice), else null. */
  values: unknown[] | null;
  /** `uniform`, `log_uniform`, `int_uniform`, `q_uniform`, or null for a value list. */
  distribution: string | null;
  min: number | null;
  max: number | null;
}

/** One trial in `GET /api/sweeps/:id`. */
export interface SweepTrialInfo {
  number: number;
  params: Record<string, unknown>;
  /** `pending`, `running`, `completed`, `pruned` or `failed`. */
  state: string;
  runId: string | null;
  /** Best metric over its epochs, null until one is finite. */
  value: number | null;
  /** The metric per epoch. */
  values: Array<number | null>;
  epochs: number;
  /** The epoch of the last ASHA rung reached (where a pruned trial stopped), else null. */
  lastRung: number | null;
  error: string | null;
}

/** The best trial so far. */
export interface SweepBestInfo {
  trial: number;
  value: number;
  runId: string | null;
  params: Record<string, unknown>;
}

/** A sweep in `GET /api/sweeps`. */
export interface SweepSummary {
  id: string;
  name: string;
  /** `running`, `completed`, `interrupted` or `failed`. */
  status: string;
  method: string;
  metric: { name: string; goal: "maximize" | "minimize" };
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  /** The planned number of trials (`maxTrials`, or the grid size), null when unknown. */
  plannedTrials: number | null;
  /** Trials by state, e.g. `{ completed: 5, pruned: 3 }`. */
  trialCounts: Record<string, number>;
  best: SweepBestInfo | null;
  error: string | null;
}

/** `GET /api/sweeps/:id`: the summary, the searched parameters and every trial. */
export interface SweepDetail extends SweepSummary {
  parameters: SweepParameterInfo[];
  trials: SweepTrialInfo[];
}

/** An entry of `GET /api/sweeps`: a readable sweep, or the error of an unreadable one (named by file). */
export type SweepListEntry =
  | { ok: true; id: string; sweep: SweepSummary }
  | { ok: false; id: string; error: { code: string; message: string } };

/** `GET /api/sweeps`: every sweep, newest first. */
export interface SweepsListResponse {
  sweeps: SweepListEntry[];
}

/** A sweep record that cannot be read: `code` `CORRUPT_SWEEP` (422) or `SWEEP_NOT_FOUND` (404). */
export class SweepApiError extends Error {
  /** Stable code for callers. */
  readonly code: "CORRUPT_SWEEP" | "SWEEP_NOT_FOUND";
  /** HTTP status of the code. */
  readonly status: 404 | 422;

  constructor(code: "CORRUPT_SWEEP" | "SWEEP_NOT_FOUND", message: string) {
    super(message);
    this.name = "SweepApiError";
    this.code = code;
    this.status = code === "CORRUPT_SWEEP" ? 422 : 404;
  }
}

function plannedTrials(spec: z.infer<typeof RecordSchema>["spec"]): number | null {
  if (spec.method === "grid") {
    let size = 1;
    for (const p of Object.values(spec.parameters)) {
      if (!p.values) return spec.maxTrials ?? null;
      size *= p.values.length;
    }
    return spec.maxTrials === undefined ? size : Math.min(size, spec.maxTrials);
  }
  return spec.maxTrials ?? null;
}

function toDetail(record: z.infer<typeof RecordSchema>): SweepDetail {
  const trialCounts: Record<string, number> = {};
  for (const t of record.trials) trialCounts[t.state] = (trialCounts[t.state] ?? 0) + 1;
  return {
    id: record.id,
    name: record.name,
    status: record.status,
    method: record.spec.method,
    metric: record.spec.metric,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    endedAt: record.endedAt,
    plannedTrials: plannedTrials(record.spec),
    trialCounts,
    best: record.best,
    error: record.error,
    parameters: Object.entries(record.spec.parameters).map(([name, p]) => ({
      name,
      values: p.values ?? null,
      distribution: p.values ? null : (p.distribution ?? null),
      min: p.min ?? null,
      max: p.max ?? null,
    })),
    trials: record.trials.map((t) => ({
      number: t.number,
      params: t.params,
      state: t.state,
      runId: t.runId,
      value: t.value,
      values: t.values,
      epochs: t.epochs,
      lastRung: t.rungs.at(-1)?.epoch ?? null,
      error: t.error,
    })),
  };
}

/** Read and check `<runsDir>/.sweeps/<id>/sweep.json`; throws {@link SweepApiError} naming the file. */
export async function readSweepDetail(runsDir: string, id: string): Promise<SweepDetail> {
  if (!isSweepId(id)) throw new SweepApiError("SWEEP_NOT_FOUND", `No sweep ${JSON.stringify(id)}`);
  const path = join(runsDir, SWEEPS_FOLDER, id, SWEEP_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === "ENOENT" ||
      (error as NodeJS.ErrnoException).code === "ENOTDIR"
    )
      throw new SweepApiError("SWEEP_NOT_FOUND", `No sweep ${id} in ${runsDir}`);
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SweepApiError("CORRUPT_SWEEP", `${path} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = RecordSchema.safeParse(raw);
  if (!parsed.success)
    throw new SweepApiError(
      "CORRUPT_SWEEP",
      `${path} is not a sweep record: ${z.prettifyError(parsed.error)}`,
    );
  return toDetail(parsed.data);
}

/** Every sweep of `runsDir`, newest first (ids sort by creation time); none when `.sweeps` is missing. */
export async function listSweepSummaries(runsDir: string): Promise<SweepsListResponse> {
  let ids: string[];
  try {
    ids = (await readdir(join(runsDir, SWEEPS_FOLDER), { withFileTypes: true }))
      .filter((d) => d.isDirectory() && isSweepId(d.name))
      .map((d) => d.name)
      .sort()
      .reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { sweeps: [] };
    throw error;
  }
  const sweeps = await Promise.all(
    ids.map(async (id): Promise<SweepListEntry> => {
      try {
        const { parameters: _p, trials: _t, ...sweep } = await readSweepDetail(runsDir, id);
        return { ok: true, id, sweep };
      } catch (error) {
        if (error instanceof SweepApiError)
          return { ok: false, id, error: { code: error.code, message: error.message } };
        throw error;
      }
    }),
  );
  return { sweeps };
}

/** Answer `GET /api/sweeps` (no id) or `GET /api/sweeps/:id`; record errors become 404/422 JSON. */
export async function sendSweeps(res: ServerResponse, runsDir: string, id: string | null): Promise<void> {
  try {
    if (id === null) sendJson(res, 200, await listSweepSummaries(runsDir));
    else sendJson(res, 200, await readSweepDetail(runsDir, id));
  } catch (error) {
    if (!(error instanceof SweepApiError)) throw error;
    sendError(res, error.status, error.code, error.message);
  }
}
