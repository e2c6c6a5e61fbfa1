import type { Generator } from "@mlp-lab/random";

// The pad-crop-flip of a batch, split in two: the draws (on the loader's generator, in a fixed order)
// and the pixel work (a pure function of bytes and draws). A prefetch worker runs the second part on
// draws made by the first on the main thread, so its output never depends on timing.

/** Values per sample in a crop plan: flipped (0 or 1), row offset `dy`, column offset `dx`. */
export const CROP_FIELDS = 3;

/**
 * Draw the crop and flip of `count` samples, in the order the loader has always drawn them
 * (per sample: the flip when enabled, then `dy`, then `dx`), as torchvision's `Pad(padding)`,
 * `RandomHorizontalFlip()`, `RandomCrop(size)` would: offsets in `[-padding, padding]`.
 */
export function drawCropPlan(rng: Generator, count: number, padding: number, flip: boolean): Int16Array {
  if (!Number.isInteger(padding) || padding < 0 || padding > 0x3fff) {
    throw new RangeError(`augment.padding must be an integer in [0, 16383], got ${padding}`);
  }
  const plan = new Int16Array(count * CROP_FIELDS);
  const span = 2 * padding + 1;
  for (let i = 0, o = 0; i < count; i++, o += CROP_FIELDS) {
    plan[o] = flip && rng.int(2) === 1 ? 1 : 0;
    plan[o + 1] = rng.int(span) - padding;
    plan[o + 2] = rng.int(span) - padding;
  }
  return plan;
}

/**
 * Write samples `order[from..to)` of `images` (HWC bytes) as float rows of `out` from row 0, each
 * padded with zeros, flipped and cropped as `plan` says (sample `order[from + i]` uses entries
 * `(planFrom + i) * 3 ..`), converted through `lut` (entry `c * 256 + v`). A `plan` of `null` is the
 * identity crop. Layout `chw` (`true`) writes channel planes, else pixels interleaved.
 *
 * Self-contained on purpose: no reference to anything outside its body, so its source text can be
 * evaluated in a worker thread (see `@mlp-lab/datasets/node`) and compute exactly the same floats.
 */
export function writeCroppedRows(
  images: Uint8Array,
  lut: Float32Array,
  height: number,
  width: number,
  channels: number,
  chw: boolean,
  order: Int32Array,
  from: number,
  to: number,
  plan: Int16Array | null,
  planFrom: number,
  out: Float32Array,
): void {
  const hw = height * width;
  const features = hw * channels;
  // Output strides: CHW puts a channel's plane contiguous; HWC interleaves channels per pixel.
  const cStride = chw ? hw : 1;
  const pStride = chw ? 1 : channels;
  const rgbPlanes = chw && channels === 3;
  for (let n = from, dst = 0, p = planFrom * 3; n < to; n++, dst += features, p += 3) {
    const src = order[n]! * features;
    const flipped = plan !== null && plan[p] === 1;
    const dy = plan === null ? 0 : plan[p + 1]!;
    const dx = plan === null ? 0 : plan[p + 2]!;
    // Flip-then-crop of the padded image maps output column x to source column width-1-dx-x; else x+dx.
    const step = flipped ? -1 : 1;
    const first = flipped ? width - 1 - dx : dx;
    // Output columns whose source column lies inside the image: [x0, x1).
    const x0 = flipped ? Math.max(0, first - (width - 1)) : Math.max(0, -dx);
    const x1 = flipped ? Math.min(width, first + 1) : Math.min(width, width - dx);
    const sStep = step * channels;
    if (rgbPlanes) {
      // The CIFAR case: one pass over each source row writes the three planes' rows.
      const pad0 = lut[0]!;
      const pad1 = lut[256]!;
      const pad2 = lut[512]!;
      for (let y = 0; y < height; y++) {
        const r0 = dst + y * width;
        const r1 = r0 + hw;
        const r2 = r1 + hw;
        const sy = y + dy;
        if (sy < 0 || sy >= height || x0 >= x1) {
          out.fill(pad0, r0, r0 + width);
          out.fill(pad1, r1, r1 + width);
          out.fill(pad2, r2, r2 + width);
          continue;
        }
        for (let x = 0; x < x0; x++) {
          out[r0 + x] = pad0;
          out[r1 + x] = pad1;
          out[r2 + x] = pad2;
        }
        let s = src + (sy * width + first + step * x0) * 3;
        for (let x = x0; x < x1; x++, s += sStep) {
          out[r0 + x] = lut[images[s]!]!;
          out[r1 + x] = lut[256 + images[s + 1]!]!;
          out[r2 + x] = lut[512 + images[s + 2]!]!;
        }
        for (let x = x1; x < width; x++) {
          out[r0 + x] = pad0;
          out[r1 + x] = pad1;
          out[r2 + x] = pad2;
        }
      }
      continue;
    }
    for (let c = 0; c < channels; c++) {
      const base = c << 8;
      const pad = lut[base]!;
      const plane = dst + c * cStride;
      for (let y = 0; y < height; y++) {
        const sy = y + dy;
        const row = plane + y * width * pStride;
        if (sy < 0 || sy >= height || x0 >= x1) {
          for (let x = 0; x < width; x++) out[row + x * pStride] = pad;
          continue;
        }
        let s = src + (sy * width + first + step * x0) * channels + c;
        for (let x = 0; x < x0; x++) out[row + x * pStride] = pad;
        for (let x = x0; x < x1; x++, s += sStep) out[row + x * pStride] = lut[base + images[s]!]!;
        for (let x = x1; x < width; x++) out[row + x * pStride] = pad;
      }
    }
  }
}
