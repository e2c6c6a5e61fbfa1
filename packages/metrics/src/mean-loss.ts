/**
 * Accumulates a sample-weighted mean loss over batches, like the course's
 * `running_loss += loss.item() * inputs.size(0)` then `/ nsamples`.
 */
export class MeanAccumulator {
  private sum = 0;
  private count = 0;

  /** Add a batch whose mean value is `batchMean` over `batchSize` samples. */
  add(batchMean: number, batchSize: number): void {
    if (!Number.isInteger(batchSize) || batchSize < 0) {
      throw new RangeError(`batchSize must be a non-negative integer, got ${batchSize}`);
    }
    this.sum += batchMean * batchSize;
    this.count += batchSize;
  }

  /** Samples seen so far. */
  get samples(): number {
    return this.count;
  }

  /** Weighted mean so far; NaN before any sample. */
  get mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }
}

/** Mean of per-sample losses. */
export function meanLoss(perSampleLoss: ArrayLike<number>): number {
  if (perSampleLoss.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < perSampleLoss.length; i++) sum += perSampleLoss[i]!;
  return sum / perSampleLoss.length;
}
