import { formatBackend } from "@mlp-lab/backend";
import {
  type ExperimentConfig,
  type ExperimentEvent,
  type ExperimentResult,
  MODEL_CLASS,
  type ResumeExperimentOptions,
  resumeExperiment,
  runExperiment,
} from "@mlp-lab/experiments";
import { EXIT } from "./cli-error.js";
import type { Output } from "./output.js";
import { ProgressBar } from "./progress-bar.js";
import type { RunRef } from "./resolve-run.js";
import { CLI_VERSION } from "./version.js";

/** What `mlp train` (and each section of `mlp course`) trains: a new run, or more epochs of one. */
export type TrainRequest = {
  /** Where text goes. */
  out: Output;
  /** Print the model's Keras-style summary. */
  summary?: boolean | undefined;
} & (
  | {
      config: ExperimentConfig;
      runsDir: string;
      name?: string | undefined;
      tags?: string[] | undefined;
      /** Also write the last checkpoint to this folder (the course's `models/mod-<Model>`). */
      save?: string | undefined;
    }
  | { resume: RunRef; options: Omit<ResumeExperimentOptions, "signal" | "onEvent"> }
);

/** Options of {@link experimentPrinter}. */
export interface PrinterOptions {
  /** Print the model's Keras-style summary. */
  summary?: boolean | undefined;
  /** The checkpoint a new run starts from, for the "Resumed from checkpoint" line. */
  initFrom?: string | null | undefined;
}

/** The printed side of a run: the course's lines, a progress bar, notes on stderr. */
export function experimentPrinter(
  out: Output,
  bar: ProgressBar,
  options: PrinterOptions = {},
): (e: ExperimentEvent) => void {
  const live = !out.json && !out.quiet;
  return (e) => {
    switch (e.type) {
      case "backend":
        return out.note(`Backend: ${formatBackend(e.backend).split("\n")[0]}`);
      case "warning":
        return out.warn(e.message);
      case "run-started":
        out.note(`Run: ${e.runDir}`);
        if (e.resumed === "run") out.line(`Resumed run ${e.runId} (epoch ${e.startEpoch})`);
        if (e.resumed === "checkpoint")
          out.line(`Resumed from checkpoint ${options.initFrom} (epoch ${e.startEpoch})`);
        for (const [name, shape] of e.parameterShapes) out.line(`${name} [${shape.join(", ")}]`);
        out.line(`Total number of parameters = ${e.parameters}`);
        if (options.summary) out.line(e.modelSummary);
        return;
      case "log":
        bar.clear();
        return out.line(e.line);
      case "epoch-begin":
        if (live) bar.start();
        return;
      case "batch":
        if (live) bar.update(`epoch ${e.epoch}`, e.step + 1, e.steps, e.loss, e.samples);
        return;
      case "epoch-end":
      case "finished":
        return bar.clear();
    }
  };
}

/** The notes after a run: done (and where), nothing to do, or interrupted (exit code 130). */
export function noteResult(
  out: Output,
  result: ExperimentResult,
  early: ExperimentConfig["earlyStopping"] = null,
): void {
  if (result.status === "nothing-to-do") {
    out.note(
      `Run ${result.runId} has already trained its ${(result.lastEpoch ?? -1) + 1} epochs; pass --epochs N to train N more.`,
    );
  } else if (result.status === "interrupted") {
    out.note(
      `Interrupted: run ${result.runId} keeps its last completed epoch; continue with: mlp train --resume ${result.runId}`,
    );
    process.exitCode = EXIT.interrupted;
  } else {
    if (result.stoppedEarly && early && (out.json || out.quiet))
      out.note(`Early stopping: no improvement of ${early.monitor} in ${early.patience} epochs.`);
    out.note(`Run ${result.runId} completed: ${result.runDir}`);
    const dir = `${result.runDir}/checkpoints`;
    out.note(
      `Checkpoints of ${MODEL_CLASS[result.modelConfig.kind]}: ${dir}/best (best), ${dir}/last (last)`,
    );
  }
}

/**
 * Run `work` with Ctrl-C handled: the first stops training at the next batch (the run is marked
 * `interrupted`), a second quits at once with exit code 130 (readers then see the run as interrupted
 * since its writer is gone).
 */
export async function interruptible<T>(
  bar: ProgressBar,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    bar.clear();
    process.stderr.write("\nStopping at the end of this batch (Ctrl-C again to quit now)...\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  try {
    return await work(controller.signal);
  } finally {
    bar.clear();
    process.removeListener("SIGINT", onSigint);
    process.removeListener("SIGTERM", onSigint);
  }
}

/** Train through `@mlp-lab/experiments` with the CLI's face: the course's lines, a progress bar, notes, Ctrl-C. */
export async function runTraining(req: TrainRequest): Promise<ExperimentResult> {
  const { out } = req;
  const bar = new ProgressBar();
  const onEvent = experimentPrinter(out, bar, {
    summary: req.summary,
    initFrom: "config" in req ? req.config.initFrom : undefined,
  });
  const result = await interruptible(bar, (signal) =>
    "resume" in req
      ? resumeExperiment(req.resume, { ...req.options, signal, onEvent })
      : runExperiment(req.config, {
          signal,
          onEvent,
          runsDir: req.runsDir,
          packages: { "@mlp-lab/cli": CLI_VERSION },
          ...(req.name ? { name: req.name } : {}),
          ...(req.tags ? { tags: req.tags } : {}),
          ...(req.save ? { saveCheckpointTo: req.save } : {}),
        }),
  );
  noteResult(out, result, "config" in req ? req.config.earlyStopping : null);
  return result;
}
