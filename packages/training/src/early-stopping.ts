import type { StateDict } from "@mlp-lab/models";
import { TrainingError } from "./errors.js";
import type { EpochRecord } from "./history.js";
import { MONITOR_NAMES, type MonitorMode, type MonitorName, autoMode, monitoredValue } from "./monitor.js";
import { checkOptions } from "./validate-options.js";

/** Options of {@link EarlyStopping}, Keras' names and defaults. */
export interface EarlyStoppingOptions {
  /** Quantity to watch. Default `val_loss`. */
  monitor?: MonitorName;
  /** `min` or `max`; default from the monitor (accuracy: max, loss: min). */
  mode?: MonitorMode;
  /** Epochs without improvement before stopping. Default 0 (stop at the first non-improvement). */
  patience?: number;
  /** An improvement must beat the best by more than this. Default 0. */
  minDelta?: number;
  /** Load the weights of the best monitored epoch when training ends. Default false. */
  restoreBest?: boolean;
}

/** JSON-serialisable progress of an {@link EarlyStopping}, for checkpoints (best weights excluded). */
export interface EarlyStoppingState {
  /** Best value so far, null before any epoch (JSON has no infinity). */
  best: number | null;
  /** Epoch of the best value, or -1. */
  bestEpoch: number;
  /** Epochs since the last improvement. */
  wait: number;
}

/**
 * Keras' `EarlyStopping`: counts epochs since the monitored value last improved by more than
 * `minDelta`, and asks to stop once that count reaches `patience`.
 */
export class EarlyStopping {
  /** Quantity watched. */
  readonly monitor: MonitorName;
  /** Direction of improvement. */
  readonly mode: MonitorMode;
  /** Tolerated epochs without improvement. */
  readonly patience: number;
  /** Minimum improvement. */
  readonly minDelta: number;
  /** Restore the best weights at the end. */
  readonly restoreBest: boolean;
  /** Best monitored value so far. */
  best: number;
  /** Epoch of the best value, or -1. */
  bestEpoch = -1;
  /** Weights at the best epoch (kept only with `restoreBest`). */
  bestState: StateDict | undefined;
  /** Epochs since the last improvement. */
  wait = 0;
  /** Epoch at which it asked to stop, or -1. */
  stoppedEpoch = -1;

  constructor(options: EarlyStoppingOptions = {}) {
    checkOptions("EarlyStopping", options, {
      monitor: MONITOR_NAMES,
      mode: ["min", "max"],
      patience: "number",
      minDelta: "number",
      restoreBest: "boolean",
    });
    this.monitor = options.monitor ?? "val_loss";
    this.mode = options.mode ?? autoMode(this.monitor);
    this.patience = options.patience ?? 0;
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.restoreBest = options.restoreBest ?? false;
    if (!Number.isInteger(this.patience) || this.patience < 0) {
      throw new TrainingError("BAD_OPTION", `patience must be a non-negative integer, got ${this.patience}`);
    }
    this.best = this.mode === "min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  private improves(value: number): boolean {
    return this.mode === "min" ? value + this.minDelta < this.best : value - this.minDelta > this.best;
  }

  /** Progress to store in a checkpoint. */
  stateDict(): EarlyStoppingState {
    return {
      best: Number.isFinite(this.best) ? this.best : null,
      bestEpoch: this.bestEpoch,
      wait: this.wait,
    };
  }

  /** Continue from {@link EarlyStopping.stateDict} (the best weights, if wanted, come from the caller). */
  loadStateDict(state: EarlyStoppingState, bestState?: StateDict): void {
    this.best = state.best ?? (this.mode === "min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
    this.bestEpoch = state.bestEpoch;
    this.wait = state.wait;
    this.bestState = bestState;
  }

  /**
   * Record one epoch; `snapshot` is called for the weights when it is the new best and
   * `restoreBest` is set. Returns true when training should stop.
   */
  update(record: EpochRecord, snapshot: () => StateDict): boolean {
    const value = monitoredValue(record, this.monitor);
    this.wait++;
    if (this.improves(value)) {
      this.best = value;
      this.bestEpoch = record.epoch;
      if (this.restoreBest) this.bestState = snapshot();
      this.wait = 0;
      return false;
    }
    if (this.wait >= this.patience) {
      this.stoppedEpoch = record.epoch;
      return true;
    }
    return false;
  }
}
