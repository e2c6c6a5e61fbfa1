import { hostname } from "node:os";
import { isProcessAlive } from "@mlp-lab/runs";
import { ashaPromotes, nextStop } from "./asha.js";
import { getPath, setPath } from "./config-path.js";
import { SweepError } from "./errors.js";
import type { TrialExecutor } from "./executor.js";
import { createSampler } from "./samplers/create-sampler.js";
import type { Observation } from "./samplers/sampler.js";
import type { TrialParams } from "./search-space.js";
import { EPOCHS_PATH, type SweepSpec } from "./spec.js";
import { SWEEP_SCHEMA_VERSION, type SweepRecord, type TrialRecord } from "./sweep-record.js";
import { newSweepId, readSweepRecord, writeSweepRecord } from "./sweep-store.js";
import type { EpochMetrics, TrialOutcome, TrialRequest } from "./trial-runner.js";

/** What the controller reports as the sweep goes. */
export type SweepEvent =
  | { type: "trial-dispatched"; trial: TrialRecord; targetEpochs: number }
  | { type: "trial-started"; trial: TrialRecord; runId: string; worker: string }
  | { type: "trial-epoch"; trial: TrialRecord; metrics: EpochMetrics }
  | { type: "trial-ended"; trial: TrialRecord }
  | { type: "trial-promoted"; trial: TrialRecord; rung: number };

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  runsDir: string;
  executor: TrialExecutor;
  /** Abort: in-flight trials are interrupted, the sweep is left `interrupted` and resumable. */
  signal?: AbortSignal;
  onEvent?(event: SweepEvent): void;
  /** Take over a sweep whose controller still looks alive on this host. */
  force?: boolean;
}

/** A sweep is being run by a live controller. */
export class SweepInUseError extends SweepError {
  constructor(id: string, pid: number) {
    super(
      "SWEEP_IN_USE",
      `sweep ${id} is being run by process ${pid} on this host (stop it first, or pass force)`,
    );
  }
}

/**
 * The status to show: a `running` sweep whose controller process is gone (killed) on this host reads
 * as `interrupted`, like runs with a dead writer. The file is not changed.
 */
export function sweepStatus(record: SweepRecord): SweepRecord["status"] {
  if (record.status !== "running") return record.status;
  const { pid, hostname: host } = record.controller;
  return host === hostname() && !isProcessAlive(pid) ? "interrupted" : "running";
}

/** Trials the sweep will run in all: `maxTrials`, or the grid's size when smaller or unset. */
export function plannedTrials(record: SweepRecord): number | undefined {
  const spec = specOf(record);
  const size = createSampler(spec).size;
  if (spec.maxTrials === undefined) return size;
  return size === undefined ? spec.maxTrials : Math.min(size, spec.maxTrials);
}

/** Options of {@link createSweep}. */
export interface CreateSweepOptions {
  name?: string;
  specSource?: string | null;
  executor: TrialExecutor;
  /** Use this id (tests). */
  id?: string;
}

/** Create the sweep's record (status `running`, no trials) in `<runsDir>/.sweeps/<id>/sweep.json`. */
export function createSweep(runsDir: string, spec: SweepSpec, options: CreateSweepOptions): SweepRecord {
  const name = options.name ?? spec.name ?? `${spec.method}-sweep`;
  const now = new Date().toISOString();
  const record: SweepRecord = {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    id: options.id ?? newSweepId(name),
    name,
    status: "running",
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    spec: spec as unknown as Record<string, unknown>,
    specSource: options.specSource ?? null,
    executor: options.executor.info,
    controller: { pid: process.pid, hostname: hostname() },
    trials: [],
    best: null,
    error: null,
  };
  writeSweepRecord(runsDir, record);
  return record;
}

/** The spec stored in a record, typed. */
export function specOf(record: SweepRecord): SweepSpec {
  return record.spec as unknown as SweepSpec;
}

/** The experiment config of a trial: the base with each parameter set, and ASHA's `maxEpochs`. */
export function trialConfig(spec: SweepSpec, params: TrialParams): Record<string, unknown> {
  let config = spec.base;
  if (spec.earlyTermination) config = setPath(config, EPOCHS_PATH, spec.earlyTermination.maxEpochs);
  for (const [path, value] of Object.entries(params)) config = setPath(config, path, value);
  return config;
}

/** Total epochs of a trial that is never stopped. */
export function fullEpochs(spec: SweepSpec): number {
  if (spec.earlyTermination) return spec.earlyTermination.maxEpochs;
  const epochs = getPath(spec.base, EPOCHS_PATH);
  if (typeof epochs !== "number") throw new SweepError("SWEEP_SPEC_INVALID", `base.${EPOCHS_PATH}: missing`);
  return epochs;
}

/** The sweep metric of one epoch. */
export function metricOf(spec: SweepSpec, m: EpochMetrics): number | null {
  const v = spec.metric.name === "val_accuracy" ? m.valAccuracy : m.valLoss;
  return v !== null && Number.isFinite(v) ? v : null;
}

function better(spec: SweepSpec, a: number, b: number): boolean {
  return spec.metric.goal === "maximize" ? a > b : a < b;
}

/** Best of a trial's per-epoch values. */
function bestOf(spec: SweepSpec, values: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || better(spec, v, best))) best = v;
  return best;
}

/** The sweep's best finished or pruned trial. */
export function bestTrial(spec: SweepSpec, trials: readonly TrialRecord[]): SweepRecord["best"] {
  let best: SweepRecord["best"] = null;
  for (const t of trials) {
    if (t.value === null || t.state === "failed") continue;
    if (best === null || better(spec, t.value, best.value))
      best = { trial: t.number, value: t.value, runId: t.runId, params: t.params };
  }
  return best;
}

function observationOf(spec: SweepSpec, t: TrialRecord): Observation {
  const sign = spec.metric.goal === "maximize" ? -1 : 1;
  return {
    params: t.params,
    state: t.state,
    loss: t.value === null ? null : sign * t.value,
    epochs: t.epochs,
  };
}

/**
 * Drive a sweep to its end: propose trials with the spec's sampler, keep the executor's slots busy,
 * apply ASHA at each rung (a trial trains segment by segment: to the next rung, then continues only if
 * it is promoted), record every result in sweep.json as it arrives. Resuming a sweep is calling this
 * again on its record: trials that were running are dispatched again with their run id, so they
 * continue from their last checkpoint; none is proposed or run twice.
 */
export async function runSweep(sweepId: string, options: RunSweepOptions): Promise<SweepRecord> {
  const { runsDir, executor } = options;
  let record = readSweepRecord(runsDir, sweepId);
  const me = { pid: process.pid, hostname: hostname() };
  if (
    record.status === "running" &&
    record.controller.pid !== me.pid &&
    record.controller.hostname === me.hostname &&
    isProcessAlive(record.controller.pid) &&
    !options.force
  )
    throw new SweepInUseError(record.id, record.controller.pid);
  const spec = specOf(record);
  const sampler = createSampler(spec);
  const maxTrials = Math.min(
    spec.maxTrials ?? Number.POSITIVE_INFINITY,
    sampler.size ?? Number.POSITIVE_INFINITY,
  );
  const total = fullEpochs(spec);
  record = {
    ...record,
    status: "running",
    controller: me,
    endedAt: null,
    error: null,
    executor: executor.info,
  };
  // Trials that were on a worker when the last controller stopped go back to the queue of work.
  for (const t of record.trials) if (t.state === "running") t.state = "pending";
  const save = () => {
    record.best = bestTrial(spec, record.trials);
    writeSweepRecord(runsDir, record);
  };
  save();

  const inFlight = new Map<number, Promise<void>>();
  let stopping = options.signal?.aborted ?? false;
  const onAbort = () => {
    stopping = true;
    executor.interrupt();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const applyOutcome = (trial: TrialRecord, target: number, outcome: TrialOutcome) => {
    if (outcome.runId) trial.runId = outcome.runId;
    if (outcome.epochs.length > 0 || outcome.status !== "interrupted") {
      trial.values = outcome.epochs.map((m) => metricOf(spec, m));
      trial.epochs = outcome.epochs.length;
      trial.value = bestOf(spec, trial.values);
    }
    if (outcome.status === "interrupted") {
      trial.state = "pending";
      return;
    }
    if (outcome.status === "failed") {
      trial.state = "failed";
      trial.error = outcome.error ?? "failed";
      trial.endedAt = new Date().toISOString();
      return;
    }
    const asha = spec.earlyTermination;
    if (asha && !outcome.stoppedEarly && trial.epochs >= target && target < total) {
      const rungValue = trial.values[target - 1] ?? null;
      const competing = record.trials.flatMap((t) =>
        t.rungs.filter((r) => r.epoch === target).map((r) => r.value ?? Number.NaN),
      );
      const promoted =
        rungValue !== null &&
        ashaPromotes(rungValue, [...competing, rungValue], asha.reductionFactor, spec.metric.goal);
      trial.rungs = [
        ...trial.rungs.filter((r) => r.epoch !== target),
        { epoch: target, value: rungValue, promoted },
      ];
      if (promoted) {
        trial.state = "pending";
        options.onEvent?.({ type: "trial-promoted", trial: structuredClone(trial), rung: target });
        return;
      }
      trial.state = "pruned";
    } else {
      trial.state = "completed";
    }
    trial.endedAt = new Date().toISOString();
  };

  const dispatch = (trial: TrialRecord): Promise<void> => {
    const target = spec.earlyTermination ? nextStop(spec.earlyTermination, trial.epochs) : total;
    trial.state = "running";
    trial.segments += 1;
    trial.startedAt ??= new Date().toISOString();
    const request: TrialRequest = {
      sweepId: record.id,
      trialNumber: trial.number,
      config: trialConfig(spec, trial.params),
      runId: trial.runId,
      targetEpochs: target,
      name: `${record.name}-t${trial.number}`,
      tags: ["sweep", `sweep:${record.id}`, `trial:${trial.number}`],
    };
    // Stable across controller restarts: a resumed controller asks for the same segment, never a new one.
    const key = `${record.id}.t${trial.number}.e${target}`;
    save();
    options.onEvent?.({ type: "trial-dispatched", trial: structuredClone(trial), targetEpochs: target });
    return executor
      .dispatch(request, key, {
        onRunStarted: (runId, worker) => {
          trial.runId = runId;
          trial.worker = worker;
          save();
          options.onEvent?.({ type: "trial-started", trial: structuredClone(trial), runId, worker });
        },
        onEpoch: (metrics) => {
          trial.values[metrics.epoch] = metricOf(spec, metrics);
          trial.values = Array.from(trial.values, (v) => v ?? null);
          trial.value = bestOf(spec, trial.values);
          trial.epochs = Math.max(trial.epochs, metrics.epoch + 1);
          save();
          options.onEvent?.({ type: "trial-epoch", trial: structuredClone(trial), metrics });
        },
      })
      .then(
        (outcome) => applyOutcome(trial, target, outcome),
        (error: unknown) => {
          if (stopping) trial.state = "pending";
          else {
            trial.state = "failed";
            trial.error = error instanceof Error ? error.message : String(error);
            trial.endedAt = new Date().toISOString();
          }
        },
      )
      .then(async () => {
        save();
        if (trial.state === "completed" || trial.state === "pruned" || trial.state === "failed")
          await executor
            .trialEnded?.({ sweepId: record.id, trialNumber: trial.number })
            ?.catch(() => undefined);
        if (trial.state !== "pending")
          options.onEvent?.({ type: "trial-ended", trial: structuredClone(trial) });
      });
  };

  const nextWork = (): TrialRecord | undefined => {
    const waiting = record.trials.find((t) => t.state === "pending" && !inFlight.has(t.number));
    if (waiting) return waiting;
    if (record.trials.length >= maxTrials) return undefined;
    const number = record.trials.length;
    const params = sampler.propose(
      number,
      record.trials.map((t) => observationOf(spec, t)),
    );
    if (params === undefined) return undefined;
    const trial: TrialRecord = {
      number,
      params,
      state: "pending",
      runId: null,
      values: [],
      value: null,
      epochs: 0,
      rungs: [],
      segments: 0,
      worker: null,
      error: null,
      startedAt: null,
      endedAt: null,
    };
    record.trials.push(trial);
    return trial;
  };

  try {
    await executor.start();
    for (;;) {
      while (!stopping && inFlight.size < executor.slots) {
        const trial = nextWork();
        if (!trial) break;
        const number = trial.number;
        inFlight.set(
          number,
          dispatch(trial).finally(() => inFlight.delete(number)),
        );
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight.values());
    }
  } catch (error) {
    record.status = "failed";
    record.error = error instanceof Error ? error.message : String(error);
    record.endedAt = new Date().toISOString();
    save();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await executor.close();
  }
  const unfinished = record.trials.some((t) => t.state === "pending" || t.state === "running");
  record.status = stopping || unfinished ? "interrupted" : "completed";
  record.endedAt = new Date().toISOString();
  save();
  return record;
}
