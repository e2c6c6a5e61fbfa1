import { type GeneratorState, Generator as Rng } from "@mlp-lab/random";
import { drawCropPlan, writeCroppedRows } from "./augment-kernel.js";
import { type ImageSet, featuresOf } from "./image-set.js";
import {
  type AugmentOptions,
  type Layout,
  type Normalization,
  type SampleWriter,
  makeSampleWriter,
  writeSamples,
} from "./pixel-transform.js";

/** One mini-batch, in freshly allocated arrays (the tfjs cpu backend keeps the arrays it is given). */
export interface Batch {
  /** `size * features` floats, one flattened image per row. */
  x: Float32Array;
  /** `size` labels. */
  y: Int32Array;
  /** Number of samples in this batch (the last one may be smaller unless `dropLast`). */
  size: number;
  /** Index in the set of each sample. */
  indices: Int32Array;
}

/** Options of {@link BatchLoader}. */
export interface BatchLoaderOptions {
  /** Samples per batch. */
  batchSize: number;
  /** Reshuffle at the start of every epoch (default false, like torch's DataLoader). */
  shuffle?: boolean;
  /** Seed of the loader's generator (default 0): same seed, same batches, same augmentation. */
  seed?: number;
  /** Drop the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /** Per-channel mean and std, applied after scaling to [0,1] (torchvision's `Normalize`). */
  normalize?: Normalization;
  /** Subset of the set to iterate; with `shuffle` this is torch's `SubsetRandomSampler`. */
  indices?: Int32Array;
  /** Seeded pad/crop/flip per sample (`true`: the course's CIFAR setting, pad 4 and flip). */
  augment?: AugmentOptions | boolean;
  /**
   * Float layout of each row. Default: `flat-hwc` for one channel (torch's `x.view(-1, 784)`), `chw` for
   * colour (torch's `ToTensor` then flatten).
   */
  layout?: Layout;
}

/**
 * One epoch drawn in advance: the sample order and every sample's crop and flip. Everything random in
 * the epoch is here, so whoever writes its batches (this loader, or a prefetch worker) writes the same.
 */
export interface EpochPlan {
  /** Number of the epoch (0 for the first one this loader started). */
  epoch: number;
  /** Set indices in the order the epoch visits them. */
  order: Int32Array;
  /** Per visited sample: flipped (0/1), `dy`, `dx`; absent without augmentation. */
  crops: Int16Array | undefined;
}

/** What a batch writer needs besides an {@link EpochPlan}: the bytes, their conversion and geometry. */
export interface SampleSpec {
  /** The set's images, HWC bytes. */
  images: Uint8Array;
  /** The set's labels. */
  labels: Uint8Array;
  /** Byte to float, entry `c * 256 + v` (normalisation included). */
  lut: Float32Array;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
  /** Channels per pixel. */
  channels: number;
  /** `true` for the `chw` layout, `false` for `flat-hwc`. */
  chw: boolean;
}

/** JSON-serialisable loader state: the generator and the number of epochs started. */
export interface BatchLoaderState {
  /** The loader's generator state. */
  rng: GeneratorState;
  /** Epochs started so far. */
  epoch: number;
}

/**
 * Iterates a set in mini-batches of normalised floats, one epoch per `for...of`. Every epoch started
 * advances the generator (a new shuffle, new augmentation draws), and {@link BatchLoader.stateDict} saved
 * between epochs restores the exact same sequence of batches on resume.
 */
export class BatchLoader implements Iterable<Batch> {
  /** Samples per epoch (the subset size when `indices` is given). */
  readonly numSamples: number;
  /** Batches per epoch. */
  readonly numBatches: number;
  /** Floats per sample (`height * width * channels`). */
  readonly features: number;
  /** Samples per full batch. */
  readonly batchSize: number;

  private readonly set: ImageSet;
  private readonly order: Int32Array | undefined;
  private readonly shuffle: boolean;
  private readonly writer: SampleWriter;
  private readonly padding: number;
  private readonly flip: boolean;
  private readonly augment: boolean;
  private readonly rng: Rng;
  private epoch = 0;

  constructor(set: ImageSet, options: BatchLoaderOptions) {
    // Checked before use, so a missing argument is named instead of failing as a TypeError inside.
    if (
      set === null ||
      typeof set !== "object" ||
      !ArrayBuffer.isView(set.images) ||
      !ArrayBuffer.isView(set.labels)
    ) {
      throw new TypeError(
        `BatchLoader: set must be an image set from loadImageSet(), got ${set === null ? "null" : typeof set}`,
      );
    }
    if (options === null || typeof options !== "object") {
      throw new TypeError(`BatchLoader: options must be an object with a batchSize, got ${String(options)}`);
    }
    const { batchSize } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`BatchLoader: options.batchSize must be a positive integer, got ${batchSize}`);
    }
    if (set.images.length !== set.count * featuresOf(set) || set.labels.length !== set.count) {
      throw new RangeError(
        `${set.source}: image set arrays do not match count ${set.count} x ${set.height}x${set.width}x${set.channels}`,
      );
    }
    if (options.indices !== undefined) {
      for (const i of options.indices) {
        if (i < 0 || i >= set.count) throw new RangeError(`indices holds ${i}, outside [0, ${set.count})`);
      }
    }
    this.set = set;
    this.batchSize = batchSize;
    // A private copy: the caller may reuse or mutate its array after constructing the loader.
    this.order = options.indices?.slice();
    this.shuffle = options.shuffle ?? false;
    this.numSamples = options.indices?.length ?? set.count;
    this.numBatches = options.dropLast
      ? Math.floor(this.numSamples / batchSize)
      : Math.ceil(this.numSamples / batchSize);
    this.features = featuresOf(set);
    this.writer = makeSampleWriter(
      set,
      options.layout ?? (set.channels === 1 ? "flat-hwc" : "chw"),
      options.normalize,
    );
    const aug = options.augment === true ? {} : options.augment === false ? undefined : options.augment;
    this.augment = aug !== undefined;
    this.padding = aug?.padding ?? 4;
    this.flip = aug?.flip ?? true;
    if (!Number.isInteger(this.padding) || this.padding < 0 || this.padding > 0x3fff) {
      throw new RangeError(`augment.padding must be an integer in [0, 16383], got ${this.padding}`);
    }
    this.rng = new Rng(options.seed ?? 0);
  }

  /** Epochs started so far. */
  get epochsStarted(): number {
    return this.epoch;
  }

  /** Start an epoch: draw its order and its augmentation now, so the state after is fixed. */
  [Symbol.iterator](): Iterator<Batch> {
    return this.batches(this.planEpoch());
  }

  /**
   * Start an epoch without writing it: draws the order and the crops exactly as iterating does, and
   * advances the loader's state the same way. For a prefetcher that writes the batches elsewhere
   * (`@mlp-lab/datasets/node`); {@link BatchLoader.writeBatch} writes them here.
   */
  planEpoch(): EpochPlan {
    let order: Int32Array;
    if (this.shuffle) {
      order =
        this.order === undefined
          ? this.rng.permutation(this.set.count)
          : this.rng.shuffle(this.order.slice());
    } else {
      order = this.order ?? identity(this.set.count);
    }
    // A forked generator keeps the loader's own state independent of how many batches get consumed.
    const crops = this.augment
      ? drawCropPlan(
          this.rng.fork(),
          Math.min(this.numSamples, this.numBatches * this.batchSize),
          this.padding,
          this.flip,
        )
      : undefined;
    return { epoch: this.epoch++, order, crops };
  }

  /** The set's bytes, the byte-to-float table and the geometry, as batch writers need them. */
  sampleSpec(): SampleSpec {
    const { images, labels, height, width, channels } = this.set;
    return {
      images,
      labels,
      lut: this.writer.lut,
      height,
      width,
      channels,
      chw: this.writer.layout === "chw",
    };
  }

  /** Rows `[start, start + size)` of batch `b` of a plan: its position in the epoch. */
  batchBounds(b: number): { start: number; size: number } {
    if (!Number.isInteger(b) || b < 0 || b >= this.numBatches) {
      throw new RangeError(`batch ${b} outside [0, ${this.numBatches})`);
    }
    const start = b * this.batchSize;
    return { start, size: Math.min(this.batchSize, this.numSamples - start) };
  }

  /** Write batch `b` of an epoch planned by {@link BatchLoader.planEpoch}, in fresh arrays. */
  writeBatch(plan: EpochPlan, b: number): Batch {
    const { start, size } = this.batchBounds(b);
    const x = new Float32Array(size * this.features);
    const indices = plan.order.slice(start, start + size);
    if (plan.crops === undefined) {
      writeSamples(this.writer, this.set.images, indices, 0, size, x);
    } else {
      const { images, lut, height, width, channels, chw } = this.sampleSpec();
      writeCroppedRows(images, lut, height, width, channels, chw, indices, 0, size, plan.crops, start, x);
    }
    return { x, y: this.labelsOf(indices), size, indices };
  }

  /** Labels of the given set indices. */
  labelsOf(indices: Int32Array): Int32Array {
    const { labels } = this.set;
    const y = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) y[i] = labels[indices[i]!]!;
    return y;
  }

  private *batches(plan: EpochPlan): Generator<Batch, void, undefined> {
    for (let b = 0; b < this.numBatches; b++) yield this.writeBatch(plan, b);
  }

  /** The state to save in a checkpoint (between epochs) to resume the same batch sequence. */
  stateDict(): BatchLoaderState {
    return { rng: this.rng.getState(), epoch: this.epoch };
  }

  /** Restore a state from {@link BatchLoader.stateDict}. */
  loadStateDict(state: BatchLoaderState): void {
    this.rng.setState(state.rng);
    this.epoch = state.epoch;
  }
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
