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
import { checkpointPath, readMetrics } from "@mlp-lab/runs";
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
      if (runId === null) {
        const config = { ...(request.config as ExperimentConfig), epochs: request.targetEpochs };
        result = await runExperiment(config, { ...common, runsDir, name: request.name, tags: request.tags });
      } else {
        const done = checkpointEpochs(runsDir, runId);
        const more = request.targetEpochs - done;
        if (more <= 0) {
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
