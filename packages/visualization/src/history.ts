import { VisualizationError } from "./errors.js";
import { checkArray, checkRunHistory } from "./validate.js";

/** Which data a metric was measured on: the course's "train" and "val" phases. */
export type Phase = "train" | "val";

/** One epoch's mean loss and accuracy on one phase, as the course prints "train Loss: 0.4431 Acc: 87.93%". */
export interface EpochRecord {
  /** Epoch number, as counted by the trainer (the course counts from 0). */
  epoch: number;
  /** Training or validation data. */
  phase: Phase;
  /** Mean loss over the phase's samples. */
  loss: number;
  /** Fraction of correct predictions, in [0, 1]. */
  accuracy: number;
}

/** The training history of one run, with the label shown in legends. */
export interface RunHistory {
  /** Name in the legend, e.g. "TwoLayerMLP 50" or a run id. */
  label: string;
  /** One record per epoch and phase, in any order. */
  records: readonly EpochRecord[];
}

/** A history flattened for a chart: one row per run, epoch and phase. */
export interface HistoryRow extends EpochRecord {
  /** The run's label. */
  run: string;
}

/** Flattens runs into chart rows, sorted by run order, phase and epoch so specs are byte-stable. */
export function historyRows(runs: readonly RunHistory[]): HistoryRow[] {
  checkArray(runs, "training curves", "runs");
  runs.forEach((run, i) => checkRunHistory(run, "training curves", `runs[${i}]`));
  if (runs.length === 0) throw new VisualizationError("EMPTY_INPUT", "training curves need at least one run");
  const labels = new Set<string>();
  const rows: HistoryRow[] = [];
  for (const run of runs) {
    if (labels.has(run.label)) {
      throw new VisualizationError(
        "INVALID_OPTION",
        `two runs have the label "${run.label}"; legends need distinct labels`,
      );
    }
    labels.add(run.label);
    const sorted = [...run.records].sort((a, b) =>
      a.phase === b.phase ? a.epoch - b.epoch : a.phase < b.phase ? -1 : 1,
    );
    for (const r of sorted) {
      if (r.phase !== "train" && r.phase !== "val") {
        throw new VisualizationError(
          "INVALID_OPTION",
          `run "${run.label}" has a record with phase "${String(r.phase)}"`,
        );
      }
      rows.push({ run: run.label, epoch: r.epoch, phase: r.phase, loss: r.loss, accuracy: r.accuracy });
    }
  }
  return rows;
}
