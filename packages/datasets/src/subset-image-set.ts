import { type ImageSet, featuresOf } from "./image-set.js";

/** A new, smaller {@link ImageSet} holding copies of the samples at `indices`, in that order. */
export function subsetImageSet(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const f = featuresOf(set);
  const images = new Uint8Array(indices.length * f);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    if (!(Number.isInteger(k) && k >= 0 && k < set.count))
      throw new RangeError(`index ${k} outside [0, ${set.count})`);
    images.set(set.images.subarray(k * f, (k + 1) * f), i * f);
    labels[i] = set.labels[k]!;
  }
  const { sha256: _drop, ...rest } = set;
  return {
    ...rest,
    images,
    labels,
    count: indices.length,
    source: `${set.source} (subset of ${indices.length})`,
  };
}
