import * as tf from "@tensorflow/tfjs-core";

/** Deterministic uniform numbers in [lo, hi). */
export function rand(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}

/** max |a - b| / max(max |b|, tiny): relative error in the max norm. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.POSITIVE_INFINITY;
    if (Number.isNaN(y)) continue;
    num = Math.max(num, Math.abs(x - y));
    den = Math.max(den, Math.abs(y));
  }
  return num / Math.max(den, 1e-30);
}

/** Runs fn on a backend (inputs rebuilt there from plain arrays) and returns the result's values and shape. */
export function runOn(backend: string, fn: () => tf.Tensor): { values: Float32Array; shape: number[] } {
  tf.setBackend(backend);
  return tf.tidy(() => {
    const t = fn();
    return { values: Float32Array.from(t.dataSync() as Float32Array), shape: t.shape };
  });
}
