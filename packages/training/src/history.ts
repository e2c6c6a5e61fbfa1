/** Loss and accuracy of one phase of one epoch. */
export interface PhaseMetrics {
  /** Mean loss over the phase's samples. */
  loss: number;
  /** Fraction correct, in [0, 1]. */
  accuracy: number;
  /** Samples seen. */
  samples: number;
  /** Wall time of the phase, in seconds. */
  seconds: number;
}

/** What one epoch produced, with resource use at its end. */
export interface EpochRecord {
  /** Epoch number, counted from 0 across resumed runs. */
  epoch: number;
  /** Training phase. */
  train: PhaseMetrics;
  /** Validation phase, when there is validation data. */
  val?: PhaseMetrics;
  /** Learning rate used during the epoch. */
  lr: number;
  /** Live tfjs tensors at the end of the epoch (flat across epochs when nothing leaks). */
  numTensors: number;
  /** Process resident set size at the end of the epoch, in bytes. */
  rssBytes: number;
}

/** The run so far, PyTorch-course style: one record per epoch plus the best validation accuracy. */
export interface TrainingHistory {
  /** One record per epoch, in order. */
  epochs: EpochRecord[];
  /** Best validation accuracy so far (0 before any). */
  bestValAccuracy: number;
  /** Epoch of the best validation accuracy, or -1. */
  bestEpoch: number;
}

/** An empty history. */
export function emptyHistory(): TrainingHistory {
  return { epochs: [], bestValAccuracy: 0, bestEpoch: -1 };
}
