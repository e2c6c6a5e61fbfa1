import { type ImageSet, featuresOf } from "./image-set.js";
import { type Layout, type Normalization, makeSampleWriter, writeSamples } from "./pixel-transform.js";

/** Options of {@link imagesToFloat}. */
export interface ImagesToFloatOptions {
  /** Per-channel normalisation after scaling to [0,1]. */
  normalize?: Normalization;
  /** Row layout (default `flat-hwc` for grey, `chw` for colour, as in {@link BatchLoader}). */
  layout?: Layout;
  /** Only these samples, in this order. */
  indices?: ArrayLike<number>;
}

/**
 * Convert images to one `n * features` float matrix (ToTensor + Normalize + flatten), e.g. for a whole
 * validation set or a scikit-learn-style experiment.
 */
export function imagesToFloat(set: ImageSet, options: ImagesToFloatOptions = {}): Float32Array {
  const features = featuresOf(set);
  const writer = makeSampleWriter(
    set,
    options.layout ?? (set.channels === 1 ? "flat-hwc" : "chw"),
    options.normalize,
  );
  const order = new Int32Array(options.indices?.length ?? set.count);
  for (let i = 0; i < order.length; i++) {
    const k = options.indices === undefined ? i : options.indices[i]!;
    if (!(Number.isInteger(k) && k >= 0 && k < set.count))
      throw new RangeError(`index ${k} outside [0, ${set.count})`);
    order[i] = k;
  }
  const out = new Float32Array(order.length * features);
  writeSamples(writer, set.images, order, 0, order.length, out);
  return out;
}

/** One-hot rows: `labels.length * numClasses` floats with a 1 at each label. */
export function oneHot(labels: ArrayLike<number>, numClasses: number): Float32Array {
  const out = new Float32Array(labels.length * numClasses);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new RangeError(`label ${label} at index ${i} outside [0, ${numClasses})`);
    }
    out[i * numClasses + label] = 1;
  }
  return out;
}

/** Per-channel mean and standard deviation of the images scaled to [0,1] (to derive `normalize`). */
export function channelStats(set: ImageSet): Normalization {
  const c = set.channels;
  // Exact integer histograms per channel: no float accumulation error over 47 million pixels.
  const hist = new Float64Array(256 * c);
  const { images } = set;
  for (let i = 0, ch = 0; i < images.length; i++) {
    hist[(ch << 8) + images[i]!]! += 1;
    if (++ch === c) ch = 0;
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (let ch = 0; ch < c; ch++) {
    let n = 0;
    let s = 0;
    let s2 = 0;
    for (let v = 0; v < 256; v++) {
      const k = hist[(ch << 8) + v]!;
      const x = v / 255;
      n += k;
      s += k * x;
      s2 += k * x * x;
    }
    const m = s / n;
    mean.push(m);
    std.push(Math.sqrt(Math.max(0, s2 / n - m * m)));
  }
  return { mean, std };
}
