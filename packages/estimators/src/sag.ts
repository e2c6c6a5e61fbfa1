import { Generator } from "@mlp-lab/random";
import type { Matrix } from "./matrix.js";
import { softmaxInPlace } from "./multinomial-loss.js";
import type { EstimatorNativeKernels } from "./native-kernels.js";

/** Options of {@link minimizeSag}. */
export interface SagOptions {
  /** Inverse regularisation strength (scikit-learn's `C`). */
  C: number;
  /** Epoch limit (scikit-learn's `max_iter` for `sag`). */
  maxIter: number;
  /** Stop when max |Δw| / max |w| over an epoch is ≤ tol. */
  tol: number;
  /** Seed of the sample draws. */
  seed: number;
  /** Called after each epoch with the relative change. */
  onEpoch?(epoch: number, relativeChange: number): void;
  /**
   * The native epoch (`@mlp-lab/backend-native`'s `sagEpoch`, same steps in C++), or undefined for the
   * TypeScript loop. Both draw the same samples from the same generator.
   */
  nativeEpoch?: EstimatorNativeKernels["sagEpoch"];
}

/** Result of {@link minimizeSag}: packed weights (see `packedSize`), epochs run, convergence. */
export interface SagResult {
  /** Feature-major weights then intercepts. */
  w: Float64Array;
  /** Epochs run. */
  epochs: number;
  /** True when the tolerance was met before `maxIter`. */
  converged: boolean;
}

/**
 * scikit-learn's `sag` solver for the multinomial loss (Schmidt, Le Roux and Bach's stochastic
 * average gradient) on dense data: each step draws a sample with replacement, replaces its
 * remembered gradient in the running sum, and moves every weight by −step·sum/seen, with the L2
 * term α = 1/(C·n) applied as a multiplicative decay. The step is scikit-learn's automatic
 * 1 / (0.25·(max‖xᵢ‖² + 1) + α), and an epoch (n draws) ends in its stopping test.
 */
export function minimizeSag(x: Matrix, y: Int32Array, k: number, options: SagOptions): SagResult {
  const { rows: n, cols: d, data } = x;
  const rng = new Generator(options.seed);
  const alpha = 1 / (options.C * n);
  let maxSq = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) s += data[o + j]! * data[o + j]!;
    if (s > maxSq) maxSq = s;
  }
  const step = 1 / (0.25 * (maxSq + 1) + alpha);
  const dk = d * k;
  // w holds the weights divided by `scale`: the decay then costs one multiplication per step.
  const w = new Float64Array(dk);
  let scale = 1;
  const intercept = new Float64Array(k);
  const sumGrad = new Float64Array(dk);
  const sumInterceptGrad = new Float64Array(k);
  const memory = new Float64Array(n * k);
  const seen = new Uint8Array(n);
  let numSeen = 0;
  const previous = new Float64Array(dk);
  const z = new Float64Array(k);
  const correction = new Float64Array(k);
  let epochs = 0;
  let converged = false;
  const native = options.nativeEpoch;
  const draws = native ? new Int32Array(n) : undefined;
  const state = new Float64Array(4);
  for (let epoch = 0; epoch < options.maxIter; epoch++) {
    if (native && draws && (data instanceof Float32Array || data instanceof Float64Array)) {
      for (let it = 0; it < n; it++) draws[it] = rng.int(n);
      state.set([scale, numSeen, step, alpha]);
      native(data, n, d, y, k, draws, w, intercept, sumGrad, sumInterceptGrad, memory, seen, state);
      scale = state[0]!;
      numSeen = state[1]!;
    } else {
      for (let it = 0; it < n; it++) {
        const i = rng.int(n);
        const o = i * d;
        z.fill(0);
        for (let j = 0; j < d; j++) {
          const v = data[o + j]!;
          if (v === 0) continue;
          const wj = j * k;
          for (let c = 0; c < k; c++) z[c]! += v * w[wj + c]!;
        }
        for (let c = 0; c < k; c++) z[c] = z[c]! * scale + intercept[c]!;
        softmaxInPlace(z);
        z[y[i]!]! -= 1;
        if (!seen[i]) {
          seen[i] = 1;
          numSeen++;
        }
        const mo = i * k;
        for (let c = 0; c < k; c++) {
          const corr = z[c]! - memory[mo + c]!;
          correction[c] = corr;
          memory[mo + c] = z[c]!;
          sumInterceptGrad[c]! += corr;
          intercept[c]! -= (step * sumInterceptGrad[c]!) / numSeen;
        }
        scale *= 1 - step * alpha;
        const move = step / (scale * numSeen);
        // One pass: add this sample's gradient change to the running sum and move the weights by it
        // (each element's arithmetic is the same as two passes; memory traffic is halved).
        for (let j = 0; j < d; j++) {
          const v = data[o + j]!;
          const gj = j * k;
          if (v === 0) {
            for (let c = 0; c < k; c++) w[gj + c]! -= move * sumGrad[gj + c]!;
            continue;
          }
          for (let c = 0; c < k; c++) {
            const sg = sumGrad[gj + c]! + v * correction[c]!;
            sumGrad[gj + c] = sg;
            w[gj + c]! -= move * sg;
          }
        }
        if (scale < 1e-9) {
          for (let p = 0; p < dk; p++) w[p]! *= scale;
          scale = 1;
        }
      }
    }
    epochs = epoch + 1;
    let maxChange = 0;
    let maxWeight = 0;
    for (let p = 0; p < dk; p++) {
      const v = w[p]! * scale;
      maxWeight = Math.max(maxWeight, Math.abs(v));
      maxChange = Math.max(maxChange, Math.abs(v - previous[p]!));
      previous[p] = v;
    }
    const relative =
      maxWeight === 0 ? (maxChange === 0 ? 0 : Number.POSITIVE_INFINITY) : maxChange / maxWeight;
    options.onEpoch?.(epochs, relative);
    if (relative <= options.tol) {
      converged = true;
      break;
    }
  }
  const out = new Float64Array(dk + k);
  for (let p = 0; p < dk; p++) out[p] = w[p]! * scale;
  out.set(intercept, dk);
  return { w: out, epochs, converged };
}
