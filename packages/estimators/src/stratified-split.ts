import type { Generator } from "@mlp-lab/random";

/**
 * Split sample indices into train and validation keeping class proportions, like scikit-learn's
 * `train_test_split(..., stratify=y)`: ⌈fraction·n⌉ validation samples in all, spread over the
 * classes in proportion, both sides shuffled.
 */
export function stratifiedSplit(
  labels: Int32Array,
  numClasses: number,
  fraction: number,
  rng: Generator,
): { train: Int32Array; val: Int32Array } {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((l, i) => byClass[l]!.push(i));
  const nVal = Math.ceil(fraction * labels.length);
  const val: number[] = [];
  const train: number[] = [];
  // Largest remainders: each class gets floor(share), the biggest fractional parts get one more.
  const shares = byClass.map((c) => (c.length * nVal) / labels.length);
  const counts = shares.map(Math.floor);
  let left = nVal - counts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  byClass.forEach((pool, c) => {
    rng.shuffle(pool);
    pool.forEach((idx, j) => (j < counts[c]! ? val : train).push(idx));
  });
  return { train: rng.shuffle(Int32Array.from(train)), val: rng.shuffle(Int32Array.from(val)) };
}
