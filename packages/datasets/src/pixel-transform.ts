/** Per-channel normalisation applied after scaling bytes to [0, 1]: `(v / 255 - mean[c]) / std[c]`. */
export interface Normalization {
  /** Mean per channel, in [0, 1] units. */
  mean: readonly number[];
  /** Standard deviation per channel, in [0, 1] units. */
  std: readonly number[];
}

/** Float layout of one flattened image. */
export type Layout = "flat-hwc" | "chw";

/** Seeded training augmentation, as torchvision's `Pad(p)`, `RandomHorizontalFlip()`, `RandomCrop(size)`. */
export interface AugmentOptions {
  /** Zero padding on each side before the random crop back to the original size (default 4). */
  padding?: number;
  /** Flip horizontally with probability 1/2 (default true). */
  flip?: boolean;
}

/**
 * The 256-entry-per-channel table from a byte to its float: entry `c * 256 + v` is `(v / 255 - mean[c]) / std[c]`
 * (or `v / 255` without normalisation). Looking values up is several times faster than computing them.
 */
export function pixelLookupTable(channels: number, normalize?: Normalization): Float32Array {
  if (normalize !== undefined && (normalize.mean.length !== channels || normalize.std.length !== channels)) {
    throw new RangeError(
      `normalize needs ${channels} mean and std values (one per channel), got ${normalize.mean.length} and ${normalize.std.length}`,
    );
  }
  const lut = new Float32Array(256 * channels);
  for (let c = 0; c < channels; c++) {
    const mean = normalize?.mean[c] ?? 0;
    const std = normalize?.std[c] ?? 1;
    if (!(std > 0)) throw new RangeError(`normalize.std[${c}] must be > 0, got ${std}`);
    for (let v = 0; v < 256; v++) lut[c * 256 + v] = (v / 255 - mean) / std;
  }
  return lut;
}

/** Image geometry and the conversion to apply, shared by every sample of a loader. */
export interface SampleWriter {
  height: number;
  width: number;
  channels: number;
  layout: Layout;
  lut: Float32Array;
  /**
   * Grey images only: a 65536-entry table from two pixels (read as one little-endian uint16) to their two
   * floats (stored as one float64's bytes), halving the loads and stores of the hot MNIST loop. Exact:
   * the float32 pairs are finite, so the float64 bit patterns are never NaN and copy unchanged.
   */
  pairLut?: Float64Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Build the writer for a set's geometry, with the pair table when it applies. */
export function makeSampleWriter(
  geometry: { height: number; width: number; channels: number },
  layout: Layout,
  normalize?: Normalization,
): SampleWriter {
  const lut = pixelLookupTable(geometry.channels, normalize);
  const writer: SampleWriter = { ...geometry, layout, lut };
  const features = geometry.height * geometry.width * geometry.channels;
  if (geometry.channels === 1 && features % 2 === 0 && LITTLE_ENDIAN) {
    const pairLut = new Float64Array(65536);
    const halves = new Float32Array(pairLut.buffer);
    for (let u = 0; u < 65536; u++) {
      halves[2 * u] = lut[u & 255]!;
      halves[2 * u + 1] = lut[u >>> 8]!;
    }
    writer.pairLut = pairLut;
  }
  return writer;
}

/**
 * Write samples `order[from..to)` of `images` (HWC bytes) as consecutive float rows of `out`, without
 * augmentation. One call per batch keeps the hot loops free of per-sample calls.
 */
export function writeSamples(
  w: SampleWriter,
  images: Uint8Array,
  order: Int32Array,
  from: number,
  to: number,
  out: Float32Array,
): void {
  const { lut, channels } = w;
  const hw = w.height * w.width;
  const features = hw * channels;
  const pairLut = w.pairLut;
  if (pairLut !== undefined && images.byteOffset % 2 === 0 && out.byteOffset % 8 === 0) {
    // The MNIST hot path: two pixels per load and store.
    const src16 = new Uint16Array(images.buffer, images.byteOffset, images.length >>> 1);
    const dst64 = new Float64Array(out.buffer, out.byteOffset, out.length >>> 1);
    const half = features >>> 1;
    let o = 0;
    for (let n = from; n < to; n++) {
      let s = order[n]! * half;
      const end = s + half;
      while (s < end) dst64[o++] = pairLut[src16[s++]!]!;
    }
    return;
  }
  let o = 0;
  for (let n = from; n < to; n++) {
    const src = order[n]! * features;
    if (channels === 1) {
      for (let i = 0; i < hw; i++) out[o + i] = lut[images[src + i]!]!;
    } else if (w.layout === "chw" && channels === 3) {
      // RGB to CHW: read each pixel's three bytes once, write the three planes together.
      const o1 = o + hw;
      const o2 = o1 + hw;
      for (let p = 0, s = src; p < hw; p++, s += 3) {
        out[o + p] = lut[images[s]!]!;
        out[o1 + p] = lut[256 + images[s + 1]!]!;
        out[o2 + p] = lut[512 + images[s + 2]!]!;
      }
    } else if (w.layout === "chw") {
      for (let c = 0; c < channels; c++) {
        const base = c << 8;
        const row = o + c * hw;
        for (let p = 0, s = src + c; p < hw; p++, s += channels) out[row + p] = lut[base + images[s]!]!;
      }
    } else {
      for (let i = 0, c = 0; i < features; i++) {
        out[o + i] = lut[(c << 8) + images[src + i]!]!;
        if (++c === channels) c = 0;
      }
    }
    o += features;
  }
}
