import { TrainingError } from "./errors.js";
import type { EpochRecord } from "./history.js";
import type { Optimizer } from "./optimizer-base.js";

/** JSON-serialisable scheduler state, for checkpoints. */
export interface SchedulerState {
  /** Epochs stepped so far. */
  lastEpoch: number;
  /** Learning rate the schedule started from. */
  baseLr: number;
  /** Extra state of stateful schedules (reduce-on-plateau). */
  extra?: Record<string, number | null>;
}

/**
 * A learning-rate schedule stepped once per epoch, after the epoch's phases, like PyTorch's
 * `scheduler.step()` in the course's loop. Construction sets the rate of epoch 0.
 */
export abstract class LRScheduler {
  /** Epochs stepped so far (PyTorch's `last_epoch`). */
  lastEpoch = 0;
  /** The optimizer's learning rate when the scheduler was made (PyTorch's `initial_lr`). */
  baseLr: number;

  constructor(protected readonly optimizer: Optimizer) {
    this.baseLr = optimizer.lr;
  }

  /** Learning rate at epoch `epoch` (closed form). */
  abstract lrAt(epoch: number): number;

  /** Apply the rate of the current epoch to the optimizer; call at the end of the constructor. */
  protected apply(): void {
    this.optimizer.lr = this.lrAt(this.lastEpoch);
  }

  /** Advance one epoch and update `optimizer.lr`. */
  step(_record?: EpochRecord): void {
    this.lastEpoch++;
    this.apply();
  }

  /** State for a checkpoint. */
  stateDict(): SchedulerState {
    return { lastEpoch: this.lastEpoch, baseLr: this.baseLr };
  }

  /** Restore a state from {@link LRScheduler.stateDict} and set the optimizer's rate from it. */
  loadStateDict(state: SchedulerState): void {
    this.lastEpoch = state.lastEpoch;
    this.baseLr = state.baseLr;
    this.apply();
  }
}

function positive(name: string, v: number, integer = false): number {
  if (!(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new TrainingError(
      "BAD_OPTION",
      `${name} must be a positive ${integer ? "integer" : "number"}, got ${v}`,
    );
  }
  return v;
}

/** `torch.optim.lr_scheduler.StepLR`: lr = base · γ^⌊epoch / stepSize⌋. */
export class StepLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly stepSize: number,
    readonly gamma = 0.1,
  ) {
    super(optimizer);
    positive("stepSize", stepSize, true);
    positive("gamma", gamma);
    this.apply();
  }

  lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** Math.floor(epoch / this.stepSize);
  }
}

/** `MultiStepLR`: lr = base · γ^(number of milestones ≤ epoch). */
export class MultiStepLR extends LRScheduler {
  /** Sorted milestones. */
  readonly milestones: readonly number[];

  constructor(
    optimizer: Optimizer,
    milestones: readonly number[],
    readonly gamma = 0.1,
  ) {
    super(optimizer);
    for (const m of milestones) positive("milestone", m, true);
    positive("gamma", gamma);
    this.milestones = [...milestones].sort((a, b) => a - b);
    this.apply();
  }

  lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** this.milestones.filter((m) => m <= epoch).length;
  }
}

/** `ExponentialLR`: lr = base · γ^epoch. */
export class ExponentialLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly gamma: number,
  ) {
    super(optimizer);
    positive("gamma", gamma);
    this.apply();
  }

  lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** epoch;
  }
}

/** `CosineAnnealingLR`: lr = ηmin + (base − ηmin)(1 + cos(π·epoch/Tmax))/2. */
export class CosineAnnealingLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly tMax: number,
    readonly etaMin = 0,
  ) {
    super(optimizer);
    positive("tMax", tMax, true);
    if (!(etaMin >= 0)) throw new TrainingError("BAD_OPTION", `etaMin must be >= 0, got ${etaMin}`);
    this.apply();
  }

  lrAt(epoch: number): number {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}

/**
 * `LinearLR` (linear warm-up): lr = base · (s + (e − s)·min(epoch, total)/total), from
 * `startFactor` s (default 1/3) to `endFactor` e (default 1) over `totalIters` epochs (default 5).
 */
export class LinearLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly startFactor = 1 / 3,
    readonly endFactor = 1,
    readonly totalIters = 5,
  ) {
    super(optimizer);
    if (!(startFactor > 0 && startFactor <= 1) || !(endFactor >= 0 && endFactor <= 1)) {
      throw new TrainingError(
        "BAD_OPTION",
        `startFactor must be in (0, 1] and endFactor in [0, 1], got ${startFactor} and ${endFactor}`,
      );
    }
    positive("totalIters", totalIters, true);
    this.apply();
  }

  lrAt(epoch: number): number {
    const t = Math.min(epoch, this.totalIters) / this.totalIters;
    return this.baseLr * (this.startFactor + (this.endFactor - this.startFactor) * t);
  }
}

/**
 * A linear warm-up over `warmupEpochs`, then another schedule counted from the end of the warm-up
 * (PyTorch's `SequentialLR([LinearLR(...), after], milestones=[warmupEpochs])`).
 */
export class WarmupLR extends LRScheduler {
  private readonly warmup: LinearLR;

  constructor(
    optimizer: Optimizer,
    readonly warmupEpochs: number,
    readonly after: LRScheduler | undefined,
    startFactor = 1 / 3,
  ) {
    super(optimizer);
    this.warmup = new LinearLR(optimizer, startFactor, 1, warmupEpochs);
    this.apply();
  }

  lrAt(epoch: number): number {
    this.warmup.baseLr = this.baseLr;
    if (epoch < this.warmupEpochs || !this.after) return this.warmup.lrAt(epoch);
    this.after.baseLr = this.baseLr;
    return this.after.lrAt(epoch - this.warmupEpochs);
  }
}
