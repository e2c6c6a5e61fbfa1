import { TrainingError } from "./errors.js";
import type { EpochRecord } from "./history.js";
import { LRScheduler, type SchedulerState } from "./lr-scheduler.js";
import { MONITOR_NAMES, type MonitorMode, type MonitorName, autoMode, monitoredValue } from "./monitor.js";
import { type OptionSpec, checkOptions } from "./validate-options.js";

/** The options {@link ReduceLROnPlateau} accepts, with their types. */
export const PLATEAU_SPEC: OptionSpec = {
  monitor: MONITOR_NAMES,
  mode: ["min", "max"],
  factor: "number",
  patience: "number",
  threshold: "number",
  thresholdMode: ["rel", "abs"],
  cooldown: "number",
  minLr: "number",
  eps: "number",
};
import type { Optimizer } from "./optimizer-base.js";

/** Options of {@link ReduceLROnPlateau}, PyTorch's names and defaults. */
export interface ReduceLROnPlateauOptions {
  /** Quantity to watch. Default `val_loss`. */
  monitor?: MonitorName;
  /** `min` or `max`; default from the monitor (accuracy: max, loss: min). */
  mode?: MonitorMode;
  /** Multiply the rate by this on a plateau. Default 0.1. */
  factor?: number;
  /** Epochs without improvement tolerated before reducing. Default 10. */
  patience?: number;
  /** Minimum significant improvement. Default 1e-4. */
  threshold?: number;
  /** `rel` (relative to the best) or `abs`. Default `rel`. */
  thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound of the rate. Default 0. */
  minLr?: number;
  /** Reductions smaller than this are skipped. Default 1e-8. */
  eps?: number;
}

/** `torch.optim.lr_scheduler.ReduceLROnPlateau`, fed the epoch record's monitored value. */
export class ReduceLROnPlateau extends LRScheduler {
  /** Quantity watched. */
  readonly monitor: MonitorName;
  /** Direction of improvement. */
  readonly mode: MonitorMode;
  private readonly o: Required<Omit<ReduceLROnPlateauOptions, "monitor" | "mode">>;
  /** Best value so far. */
  best: number;
  /** Epochs since the last improvement. */
  numBadEpochs = 0;
  private cooldownCounter = 0;

  constructor(optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}) {
    checkOptions("ReduceLROnPlateau", options, PLATEAU_SPEC);
    super(optimizer);
    this.monitor = options.monitor ?? "val_loss";
    this.mode = options.mode ?? autoMode(this.monitor);
    this.o = {
      factor: options.factor ?? 0.1,
      patience: options.patience ?? 10,
      threshold: options.threshold ?? 1e-4,
      thresholdMode: options.thresholdMode ?? "rel",
      cooldown: options.cooldown ?? 0,
      minLr: options.minLr ?? 0,
      eps: options.eps ?? 1e-8,
    };
    if (!(this.o.factor > 0 && this.o.factor < 1)) {
      throw new TrainingError("BAD_OPTION", `factor must be in (0, 1), got ${this.o.factor}`);
    }
    if (!Number.isInteger(this.o.patience) || this.o.patience < 0) {
      throw new TrainingError(
        "BAD_OPTION",
        `patience must be a non-negative integer, got ${this.o.patience}`,
      );
    }
    this.best = this.worst();
  }

  private worst(): number {
    return this.mode === "min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /** The rate does not follow a closed form; this returns the current one. */
  lrAt(_epoch: number): number {
    return this.optimizer.lr;
  }

  private isBetter(a: number): boolean {
    const { threshold, thresholdMode } = this.o;
    if (this.mode === "min") {
      return thresholdMode === "rel" ? a < this.best * (1 - threshold) : a < this.best - threshold;
    }
    return thresholdMode === "rel" ? a > this.best * (1 + threshold) : a > this.best + threshold;
  }

  /** Feed one epoch's monitored value (or a record holding it). */
  override step(record?: EpochRecord | number): void {
    if (record === undefined) {
      throw new TrainingError(
        "BAD_OPTION",
        "ReduceLROnPlateau.step needs the epoch record or a metric value",
      );
    }
    const current = typeof record === "number" ? record : monitoredValue(record, this.monitor);
    this.lastEpoch++;
    if (this.isBetter(current)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs++;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.o.patience) {
      const old = this.optimizer.lr;
      const next = Math.max(old * this.o.factor, this.o.minLr);
      if (old - next > this.o.eps) this.optimizer.lr = next;
      this.cooldownCounter = this.o.cooldown;
      this.numBadEpochs = 0;
    }
  }

  override stateDict(): SchedulerState {
    return {
      lastEpoch: this.lastEpoch,
      baseLr: this.baseLr,
      // JSON has no Infinity: null stands for "no best yet".
      extra: {
        best: Number.isFinite(this.best) ? this.best : null,
        numBadEpochs: this.numBadEpochs,
        cooldownCounter: this.cooldownCounter,
        lr: this.optimizer.lr,
      },
    };
  }

  override loadStateDict(state: SchedulerState): void {
    this.lastEpoch = state.lastEpoch;
    this.baseLr = state.baseLr;
    const e = state.extra ?? {};
    this.best = typeof e.best === "number" ? e.best : this.worst();
    this.numBadEpochs = e.numBadEpochs ?? 0;
    this.cooldownCounter = e.cooldownCounter ?? 0;
    if (typeof e.lr === "number") this.optimizer.lr = e.lr;
  }
}
