import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ExperimentConfig,
  type ExperimentEvent,
  type ExperimentResult,
  parseExperimentConfig,
  resumeExperiment,
  runExperiment,
} from "@mlp-lab/experiments";
import { checkpointPath, isWriterGone, listRuns, readMetrics, readRunSync, resumeRun } from "@mlp-lab/runs";
import type { ConfigResolver } from "./spec.js";
import type { EpochMetrics, TrialHooks, TrialOutcome, TrialRequest, TrialRunner } from "./trial-runner.js";

/** Options of {@link ExperimentTrialRunner}. */
export interface ExperimentTrialRunnerOptions {
  /** Package versions recorded in each run (e.g. the CLI's). */
  packages?: Record<string, string>;
}

/** Validates a config with `@mlp-lab/experiments`' schema, for {@link parseSweepSpec}. */
export const experimentConfigResolver: ConfigResolver = (raw) => {
  try {
    return { ok: true, config: parseExperimentConfig(raw) as unknown as Record<string, unknown> };
  } catch (error) {
    const issues = (error as { issues?: unknown }).issues;
    return { ok: false, problems: Array.isArray(issues) ? issues.map(String) : [(error as Error).message] };
  }
};

/**
 * Wait until nobody writes run `runId` any more: a trial process whose controller was killed finishes
 * the epoch it is in (training blocks its event loop) before it notices and exits, and resuming the
 * run meanwhile would be refused (`RunInUseError`). Gives up after `timeoutMs` and lets the resume say so.
 */
export async function waitForWriter(runsDir: string, runId: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = readRunSync(runsDir, runId);
    if (record.status !== "running" || isWriterGone(record.writer) || record.writer.pid === process.pid)
      return;
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface TrainerHistory {
  history?: {
    epochs?: Array<{
      epoch: number;
      lr?: number;
      train: { loss: number; accuracy: number; seconds: number; samples: number };
      val?: { loss: number; accuracy: number; seconds: number; samples: number };
    }>;
  };
}

/**
 * Mark completed a run whose `last` checkpoint already holds all `done` epochs, writing the metrics lines
 * of any epoch the checkpoint has and metrics.jsonl lacks (its process died between the two writes),
 * from the checkpoint's own history, so the run has every epoch once.
 */
export function closeFinishedRun(runsDir: string, runId: string, done: number): void {
  const handle = resumeRun(runsDir, runId, { fromEpoch: done - 1, force: true });
  const last = handle.record.summary.lastEpoch;
  let trainer: TrainerHistory = {};
  try {
    trainer = JSON.parse(
      readFileSync(join(checkpointPath(runsDir, runId, "last"), "trainer.json"), "utf8"),
    ) as TrainerHistory;
  } catch {
    // No history to restore from: complete with what metrics.jsonl has.
  }
  for (const e of trainer.history?.epochs ?? []) {
    if ((last !== null && e.epoch <= last) || e.epoch >= done) continue;
    for (const [phase, m] of [
      ["train", e.train],
      ["val", e.val],
    ] as const) {
      if (!m) continue;
      handle.appendMetrics({
        epoch: e.epoch,
        phase,
        loss: m.loss,
        accuracy: m.accuracy,
        lr: e.lr ?? null,
        seconds: m.seconds,
        samples: m.samples,
      });
    }
  }
  handle.complete();
}

/** The run in `runsDir` tagged with this trial of this sweep, if any (the latest). */
export async function findTrialRun(
  runsDir: string,
  request: Pick<TrialRequest, "sweepId" | "trialNumber">,
): Promise<string | null> {
  const tags = [`sweep:${request.sweepId}`, `trial:${request.trialNumber}`];
  const entries = await listRuns(runsDir).catch(() => []);
  const found = entries.flatMap((e) => (e.ok && tags.every((t) => e.run.tags.includes(t)) ? [e.run.id] : []));
  return found.sort().at(-1) ?? null;
}

/** Epochs stored in a run's `last` checkpoint (0 when it has none): where a resume starts. */
export function checkpointEpochs(runsDir: string, runId: string): number {
  try {
    const trainer = JSON.parse(
      readFileSync(join(checkpointPath(runsDir, runId, "last"), "trainer.json"), "utf8"),
    ) as {
      epoch?: unknown;
    };
    return typeof trainer.epoch === "number" ? trainer.epoch : 0;
  } catch {
    return 0;
  }
}

function metricsOfHistory(history: ExperimentResult["history"]): EpochMetrics[] {
  return history.map((e) => ({
    epoch: e.epoch,
    valAccuracy: e.val?.accuracy ?? null,
    valLoss: e.val?.loss ?? null,
    trainLoss: e.train.loss,
  }));
}

/** The per-epoch metrics recorded in a run's metrics.jsonl. */
export async function metricsOfRun(runsDir: string, runId: string): Promise<EpochMetrics[]> {
  const entries = await readMetrics(runsDir, runId);
  const byEpoch = new Map<number, EpochMetrics>();
  for (const e of entries) {
    const m = byEpoch.get(e.epoch) ?? { epoch: e.epoch, valAccuracy: null, valLoss: null, trainLoss: null };
    if (e.phase === "val") {
      m.valAccuracy = e.accuracy;
      m.valLoss = e.loss;
    } else if (e.phase === "train") m.trainLoss = e.loss;
    byEpoch.set(e.epoch, m);
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/**
 * The real trial runner: `runExperiment` for a trial's first segment, `resumeExperiment` from the run's
 * `last` checkpoint for the next ones (after an ASHA promotion or a crashed worker), so a trial is one
 * run in the store whatever happens to the processes that train it.
 */
export class ExperimentTrialRunner implements TrialRunner {
  readonly #options: ExperimentTrialRunnerOptions;

  constructor(options: ExperimentTrialRunnerOptions = {}) {
    this.#options = options;
  }

  async run(request: TrialRequest, runsDir: string, hooks: TrialHooks): Promise<TrialOutcome> {
    let runId = request.runId;
    const onEvent = (event: ExperimentEvent) => {
      if (event.type === "run-started") {
        runId = event.runId;
        hooks.onRunStarted?.(event.runId);
      } else if (event.type === "epoch-end") {
        const r = event.record;
        hooks.onEpoch?.({
          epoch: r.epoch,
          valAccuracy: r.val?.accuracy ?? null,
          valLoss: r.val?.loss ?? null,
          trainLoss: r.train.loss,
        });
      }
    };
    const common = {
      signal: hooks.signal,
      onEvent,
      ...(this.#options.packages ? { packages: this.#options.packages } : {}),
    };
    try {
      let result: ExperimentResult;
      // A run of this trial that the last controller never heard of (it died while the run was being
      // created) is continued, not duplicated.
      if (runId === null) runId = await findTrialRun(runsDir, request);
      if (runId === null) {
        const config = { ...(request.config as ExperimentConfig), epochs: request.targetEpochs };
        result = await runExperiment(config, { ...common, runsDir, name: request.name, tags: request.tags });
      } else {
        await waitForWriter(runsDir, runId);
        const done = checkpointEpochs(runsDir, runId);
        const more = request.targetEpochs - done;
        if (more <= 0) {
          // Its epochs were all trained before (a worker died between its last epoch and reporting it):
          // close the run as the trainer would have.
          if (readRunSync(runsDir, runId).status !== "completed") closeFinishedRun(runsDir, runId, done);
          hooks.onRunStarted?.(runId);
          const epochs = (await metricsOfRun(runsDir, runId)).slice(0, request.targetEpochs);
          return { runId, status: "completed", epochs, stoppedEarly: false, error: null };
        }
        result = await resumeExperiment({ runsDir, id: runId }, { ...common, epochs: more });
      }
      return {
        runId: result.runId,
        status: result.status === "interrupted" ? "interrupted" : "completed",
        epochs: metricsOfHistory(result.history),
        stoppedEarly: result.stoppedEarly,
        error: null,
      };
    } catch (error) {
      const epochs = runId === null ? [] : await metricsOfRun(runsDir, runId).catch(() => []);
      return { runId, status: "failed", epochs, stoppedEarly: false, error: (error as Error).message };
    }
  }
}
