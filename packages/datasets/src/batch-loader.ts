import { type GeneratorState, Generator as Rng } from "@mlp-lab/random";
import { type ImageSet, featuresOf } from "./image-set.js";
import {
  type AugmentOptions,
  type Layout,
  type Normalization,
  type SampleWriter,
  makeSampleWriter,
  writeAugmentedSample,
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
    if (!Number.isInteger(this.padding) || this.padding < 0) {
      throw new RangeError(`augment.padding must be a non-negative integer, got ${this.padding}`);
    }
    this.rng = new Rng(options.seed ?? 0);
  }

  /** Epochs started so far. */
  get epochsStarted(): number {
    return this.epoch;
  }

  /** Start an epoch: draw its order and its augmentation generator now, so the state after is fixed. */
  [Symbol.iterator](): Iterator<Batch> {
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
    const augRng = this.augment ? this.rng.fork() : undefined;
    this.epoch++;
    return this.batches(order, augRng);
  }

  private *batches(order: Int32Array, augRng: Rng | undefined): Generator<Batch, void, undefined> {
    const { features, batchSize, numSamples, writer } = this;
    const { images, labels } = this.set;
    for (let b = 0; b < this.numBatches; b++) {
      const start = b * batchSize;
      const size = Math.min(batchSize, numSamples - start);
      const x = new Float32Array(size * features);
      const y = new Int32Array(size);
      const indices = order.slice(start, start + size);
      for (let i = 0; i < size; i++) y[i] = labels[indices[i]!]!;
      if (augRng === undefined) {
        writeSamples(writer, images, indices, 0, size, x);
      } else {
        const { padding, flip } = this;
        for (let i = 0; i < size; i++) {
          writeAugmentedSample(
            writer,
            images,
            indices[i]! * features,
            x,
            i * features,
            padding,
            flip,
            augRng,
          );
        }
      }
      yield { x, y, size, indices };
    }
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
