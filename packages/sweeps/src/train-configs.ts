import { readRun } from "@mlp-lab/runs";
import { LocalPoolExecutor } from "./executors/local-pool-executor.js";
import type { TrialProcessCommand } from "./trial-process.js";

/** One config to train by {@link trainConfigs}. */
export interface ConfigJob {
  /** The experiment config (an `ExperimentConfig`); its `epochs` is how long the run trains. */
  config: Record<string, unknown> & { epochs: number };
  /** Run name. */
  name: string;
}

/** How one config's run ended, with the numbers of its `run.json`. */
export interface ConfigOutcome {
  /** Position of the job in the list. */
  index: number;
  /** The run, once it exists. */
  runId: string | null;
  /** `failed`: an error or NaN; `interrupted`: stopped by the signal, resumable. */
  status: "completed" | "failed" | "interrupted";
  /** Trainable parameters of the model. */
  parameters: number | null;
  /** Best validation accuracy, and its epoch. */
  bestValAccuracy: number | null;
  bestEpoch: number | null;
  /** Seconds the run trained (wall time of its worker when the run recorded none). */
  seconds: number;
  /** What went wrong, for `failed`. */
  error: string | null;
}

/** Options of {@link trainConfigs}. */
export interface TrainConfigsOptions {
  /** The run store every worker writes into. */
  runsDir: string;
  /** How to start a worker process (a trial process: `mlp worker --local`, or `worker-main.js --local`). */
  command: TrialProcessCommand;
  /** Worker processes, each training one config at a time; the cores are split between them. */
  parallel: number;
  /** Tags of every run. */
  tags?: string[];
  /** Stops the running configs at their next batch (their runs stay resumable) and starts no more. */
  signal?: AbortSignal;
  /** Each config as it ends, in the order they end. */
  onDone?: (outcome: ConfigOutcome) => void;
}

/**
 * Train several experiment configs, each into its own run, in a pool of local worker processes (the
 * sweeps' pool: one tfjs engine per process, cores split between them, a crashed process replaced):
 * `mlp compare`'s architectures. Returns the outcomes in the order of `jobs`.
 */
export async function trainConfigs(
  jobs: readonly ConfigJob[],
  options: TrainConfigsOptions,
): Promise<ConfigOutcome[]> {
  const parallel = Math.max(1, Math.min(options.parallel, jobs.length));
  const executor = new LocalPoolExecutor({ parallel, command: options.command, runsDir: options.runsDir });
  const outcomes: ConfigOutcome[] = [];
  const stop = () => executor.interrupt();
  options.signal?.addEventListener("abort", stop);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length && !options.signal?.aborted) {
      const index = next++;
      const { config, name } = jobs[index]!;
      const started = performance.now();
      const request = {
        ...{ sweepId: "configs", trialNumber: index, config, runId: null, targetEpochs: config.epochs },
        ...{ name, tags: options.tags ?? [] },
      };
      const trial = await executor.dispatch(request, `configs-${index}`, {});
      const summary = trial.runId
        ? (await readRun(options.runsDir, trial.runId).catch(() => null))?.summary
        : undefined;
      const outcome: ConfigOutcome = {
        index,
        runId: trial.runId,
        status: trial.status,
        parameters: summary?.parameters ?? null,
        bestValAccuracy: summary?.bestValAccuracy ?? null,
        bestEpoch: summary?.bestEpoch ?? null,
        seconds: summary?.durationSeconds || (performance.now() - started) / 1000,
        error: trial.error,
      };
      outcomes[index] = outcome;
      options.onDone?.(outcome);
    }
  };
  try {
    await executor.start();
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    options.signal?.removeEventListener("abort", stop);
    await executor.close();
  }
  return outcomes.filter(Boolean);
}
