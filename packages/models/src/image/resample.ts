/** A rectangle in pixel coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Area-average resample of `box` of a `width`-wide plane to `outW` x `outH`: each output pixel is
 * the mean of the source area it covers (anti-aliased like MNIST's own downscaling; no thin stroke
 * is lost when shrinking).
 */
export function resampleArea(
  pixels: Float32Array,
  width: number,
  box: Box,
  outW: number,
  outH: number,
): Float32Array {
  const out = new Float32Array(outW * outH);
  const height = pixels.length / width;
  const sx = box.width / outW;
  const sy = box.height / outH;
  for (let oy = 0; oy < outH; oy++) {
    const top = box.y + oy * sy;
    const bottom = top + sy;
    for (let ox = 0; ox < outW; ox++) {
      const left = box.x + ox * sx;
      const right = left + sx;
      let sum = 0;
      let area = 0;
      // Clamped: rounding can put `bottom` or `right` a hair past the last pixel.
      const yEnd = Math.min(Math.ceil(bottom), height);
      const xEnd = Math.min(Math.ceil(right), width);
      for (let y = Math.max(0, Math.floor(top)); y < yEnd; y++) {
        const wy = Math.min(bottom, y + 1) - Math.max(top, y);
        for (let x = Math.max(0, Math.floor(left)); x < xEnd; x++) {
          const w = wy * (Math.min(right, x + 1) - Math.max(left, x));
          sum += w * pixels[y * width + x]!;
          area += w;
        }
      }
      out[oy * outW + ox] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}
