/**
 * TensorBoard's scalar smoothing: an exponential moving average, debiased so the first points are not
 * pulled towards zero (`last = last * w + (1 - w) * y; smoothed = last / (1 - w^n)`). `weight` 0 returns
 * the values unchanged; non-finite values pass through and do not enter the average.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing: must be in [0, 1), got ${weight}`);
  let last = 0;
  let count = 0;
  return values.map((y) => {
    if (!Number.isFinite(y)) return y;
    last = last * weight + (1 - weight) * y;
    count++;
    return last / (1 - weight ** count);
  });
}
