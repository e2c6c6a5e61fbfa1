/** Number of samples of each class among `labels` (optionally only at `indices`). */
export function classCounts(
  labels: ArrayLike<number>,
  numClasses: number,
  indices?: ArrayLike<number>,
): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  const n = indices?.length ?? labels.length;
  for (let i = 0; i < n; i++) {
    const label = labels[indices === undefined ? i : indices[i]!]!;
    if (label < 0 || label >= numClasses || !Number.isInteger(label)) {
      throw new RangeError(`label ${label} outside [0, ${numClasses})`);
    }
    counts[label]! += 1;
  }
  return counts;
}

/** Indices of each class, in increasing order (class c at position c). */
export function indicesByClass(labels: ArrayLike<number>, numClasses: number): Int32Array[] {
  const counts = classCounts(labels, numClasses);
  const out = counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    out[label]![fill[label]!++] = i;
  }
  return out;
}

/** Number of classes: one more than the largest label (0 for no labels). */
export function numClassesOf(labels: ArrayLike<number>): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  return max + 1;
}
