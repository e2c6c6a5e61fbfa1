/**
 * Deterministic stand-ins for course data, so figures can be drawn and checked without downloading MNIST:
 * seven-segment digits, coloured CIFAR-like scenes, smooth weight patterns and plausible training histories.
 */
import type { RunHistory } from "../history.js";

// Segments a..g of a seven-segment display as line ends in a 28x28 frame.
const SEG: Record<string, [number, number, number, number]> = {
  a: [9, 6, 19, 6],
  b: [19, 6, 19, 14],
  c: [19, 14, 19, 22],
  d: [9, 22, 19, 22],
  e: [9, 14, 9, 22],
  f: [9, 6, 9, 14],
  g: [9, 14, 19, 14],
};
const DIGITS = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"];

function segmentDistance(x: number, y: number, [x1, y1, x2, y2]: [number, number, number, number]): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - x1 - t * dx, y - y1 - t * dy);
}

/** A 28x28 digit in [0, 1], slanted by `slant` pixels per row. */
export function digitImage(digit: number, slant = 0): Float32Array {
  const out = new Float32Array(28 * 28);
  const segs = DIGITS[digit]!.split("").map((s) => SEG[s]!);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const sx = x + (y - 14) * slant;
      const d = Math.min(...segs.map((s) => segmentDistance(sx, y, s)));
      out[y * 28 + x] = Math.max(0, Math.min(1, 2.2 - d));
    }
  }
  return out;
}

/** A batch of `n` digits (labels i % 10, varying slant), its labels, and predictions with some mistakes. */
export function digitBatch(n: number): { pixels: Float32Array; yTrue: Int32Array; yPred: Int32Array } {
  const pixels = new Float32Array(n * 784);
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = (i * 7 + 3) % 10;
    pixels.set(digitImage(label, ((i % 5) - 2) * 0.08), i * 784);
    yTrue[i] = label;
    // Every third sample is wrong, mimicking classic confusions (7 -> 1, 8 -> 3, ...).
    yPred[i] = i % 3 === 1 ? [8, 7, 3, 8, 9, 6, 5, 1, 3, 4][label]! : label;
  }
  return { pixels, yTrue, yPred };
}

/** `n` 32x32 RGB images in [0, 1] (sky over ground with a coloured blob), labels i % 10. */
export function cifarBatch(n: number): { pixels: Float32Array; yTrue: Int32Array; yPred: Int32Array } {
  const pixels = new Float32Array(n * 32 * 32 * 3);
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 10;
    const hue = label / 10;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const o = ((i * 32 + y) * 32 + x) * 3;
        const blob = Math.hypot(x - 16 - (label - 5), y - 16) < 7 + (i % 3);
        const sky = y < 18;
        pixels[o] = blob ? 0.5 + 0.5 * Math.cos(2 * Math.PI * hue) : sky ? 0.55 : 0.35;
        pixels[o + 1] = blob ? 0.5 + 0.5 * Math.cos(2 * Math.PI * (hue - 1 / 3)) : sky ? 0.7 : 0.5;
        pixels[o + 2] = blob ? 0.5 + 0.5 * Math.cos(2 * Math.PI * (hue - 2 / 3)) : sky ? 0.9 - y / 60 : 0.25;
      }
    }
    yTrue[i] = label;
    yPred[i] = i % 4 === 2 ? (label + 1) % 10 : label;
  }
  return { pixels, yTrue, yPred };
}

/** [10, 784] coefficients: each class's template minus the mean template, like a fitted linear model. */
export function coefficients(): Float32Array {
  const templates = Array.from({ length: 10 }, (_, d) => digitImage(d));
  const coef = new Float32Array(10 * 784);
  for (let p = 0; p < 784; p++) {
    const mean = templates.reduce((s, t) => s + t[p]!, 0) / 10;
    for (let d = 0; d < 10; d++) coef[d * 784 + p] = (templates[d]![p]! - mean) * 0.8;
  }
  return coef;
}

/** A [784, units] first-layer kernel of smooth oriented patterns. */
export function firstLayerKernel(units: number): Float32Array {
  const kernel = new Float32Array(784 * units);
  for (let u = 0; u < units; u++) {
    const angle = (u * Math.PI) / units;
    const freq = 0.25 + (u % 4) * 0.08;
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const r = Math.hypot(x - 13.5, y - 13.5);
        const v = Math.cos(freq * ((x - 13.5) * Math.cos(angle) + (y - 13.5) * Math.sin(angle))) * Math.exp(-r / 9);
        kernel[(y * 28 + x) * units + u] = 0.1 * v;
      }
    }
  }
  return kernel;
}

/** The course's 10-epoch continuation of TwoLayerMLP on MNIST, at its printed numbers and in between. */
export function courseHistory(label = "TwoLayerMLP (50)"): RunHistory {
  const train = [0.3096, 0.2963, 0.2853, 0.2795, 0.2749, 0.2718, 0.2692, 0.2671, 0.2651, 0.2634];
  const val = [0.2897, 0.2861, 0.2833, 0.2789, 0.2757, 0.2749, 0.2741, 0.2722, 0.2715, 0.2712];
  const trainAcc = [0.9111, 0.9158, 0.9203, 0.922, 0.9236, 0.9244, 0.9251, 0.9256, 0.9261, 0.9266];
  const valAcc = [0.9165, 0.9181, 0.9204, 0.9199, 0.9201, 0.9215, 0.9229, 0.923, 0.9232, 0.9233];
  return {
    label,
    records: train.flatMap((loss, epoch) => [
      { epoch, phase: "train" as const, loss, accuracy: trainAcc[epoch]! },
      { epoch, phase: "val" as const, loss: val[epoch]!, accuracy: valAcc[epoch]! },
    ]),
  };
}

/** A second run that overfits, for the multi-run overlay. */
export function overfittingHistory(label = "MLP 512-256-128-64"): RunHistory {
  return {
    label,
    records: Array.from({ length: 10 }, (_, epoch) => [
      { epoch, phase: "train" as const, loss: 0.35 * Math.exp(-epoch / 3) + 0.02, accuracy: 0.9 + 0.009 * epoch },
      { epoch, phase: "val" as const, loss: 0.2 + 0.004 * (epoch - 4) ** 2, accuracy: 0.93 + 0.003 * Math.min(epoch, 5) },
    ]).flat(),
  };
}
