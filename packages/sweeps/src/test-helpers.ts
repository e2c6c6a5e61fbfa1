import type { ConfigResolver } from "./spec.js";
import type { EpochMetrics, TrialOutcome, TrialRequest, TrialRunner } from "./trial-runner.js";

/** A resolver for tests: fills `epochs` and checks `optimizer.lr > 0`. */
export const testResolver: ConfigResolver = (raw) => {
  const config = structuredClone(raw) as Record<string, Record<string, unknown>>;
  (config as Record<string, unknown>).epochs ??= 3;
  (config as Record<string, unknown>).batchSize ??= 64;
  config.optimizer = { kind: "sgd", lr: 0.01, momentum: 0, ...(config.optimizer ?? {}) };
  config.model = { kind: "mlp", layers: [50], ...(config.model ?? {}) };
  const lr = config.optimizer.lr;
  if (typeof lr !== "number" || !(lr > 0)) return { ok: false, problems: ["optimizer.lr: must be > 0"] };
  return { ok: true, config };
};

/**
 * A runner whose "training" is a formula of the config: accuracy of epoch e is `curve(config, e)`.
 * It keeps each run's epochs in memory, so a continued segment resumes where the last one stopped.
 */
export class ScriptedRunner implements TrialRunner {
  readonly runs = new Map<string, EpochMetrics[]>();
  readonly segments: { trial: number; from: number; to: number }[] = [];
  constructor(private readonly curve: (config: Record<string, unknown>, epoch: number) => number) {}

  async run(
    request: TrialRequest,
    _runsDir: string,
    hooks: { signal: AbortSignal; onRunStarted?(id: string): void; onEpoch?(m: EpochMetrics): void },
  ): Promise<TrialOutcome> {
    const runId = request.runId ?? `run-${request.trialNumber}`;
    const epochs = this.runs.get(runId) ?? [];
    this.runs.set(runId, epochs);
    hooks.onRunStarted?.(runId);
    this.segments.push({ trial: request.trialNumber, from: epochs.length, to: request.targetEpochs });
    await Promise.resolve();
    while (epochs.length < request.targetEpochs) {
      if (hooks.signal.aborted)
        return { runId, status: "interrupted", epochs: [...epochs], stoppedEarly: false, error: null };
      const value = this.curve(request.config, epochs.length);
      const m = {
        epoch: epochs.length,
        valAccuracy: Number.isFinite(value) ? value : null,
        valLoss: Number.isFinite(value) ? 1 - value : null,
        trainLoss: value,
      };
      if (!Number.isFinite(value))
        return {
          runId,
          status: "failed",
          epochs: [...epochs],
          stoppedEarly: false,
          error: `loss is NaN at epoch ${epochs.length}`,
        };
      epochs.push(m);
      hooks.onEpoch?.(m);
      await Promise.resolve();
    }
    return { runId, status: "completed", epochs: [...epochs], stoppedEarly: false, error: null };
  }
}
