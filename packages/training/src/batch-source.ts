/** A batch of flattened samples: `x` holds `size` rows of features, `y` their integer labels. */
export interface TrainingBatch {
  /** Row-major inputs, `size * features` values. */
  x: Float32Array;
  /** Integer labels, one per row. */
  y: Int32Array;
  /** Rows in the batch. */
  size: number;
}

/**
 * Where batches come from: each iteration is one epoch (`@mlp-lab/datasets`' `BatchLoader` fits).
 * `stateDict`/`loadStateDict`, when present, let a checkpoint resume the exact shuffling order.
 */
export interface BatchSource {
  /** Iterate one epoch of batches. */
  [Symbol.iterator](): Iterator<TrainingBatch>;
  /** Samples per epoch. */
  readonly numSamples: number;
  /** The sampling state (a JSON-serialisable value), for exact resume. */
  stateDict?(): unknown;
  /** Restore a state from {@link BatchSource.stateDict}. */
  loadStateDict?(state: never): void;
}
