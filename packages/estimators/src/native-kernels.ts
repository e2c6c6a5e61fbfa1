/**
 * Native kernels that `@mlp-lab/backend-native` publishes on a global symbol when its backend loads
 * (`loadNativeBackend()`), so the estimators use them where they are available without depending on
 * the addon: nothing to install in the browser or where the addon did not build, the TypeScript code
 * runs instead. `MLP_ESTIMATORS_NATIVE=0` turns them off.
 */
export interface EstimatorNativeKernels {
  /** {@link multinomialLossGrad} over `rows` x `cols` samples on all cores, in double precision. */
  multinomialLossGrad(
    x: Float32Array | Float64Array,
    rows: number,
    cols: number,
    y: Int32Array,
    k: number,
    c: number,
    w: Float64Array,
    grad: Float64Array,
  ): number;
  /**
   * One epoch of `minimizeSag`'s steps over `draws` (sample indices), updating the weights (divided
   * by `state[0]`), intercepts, gradient sums, remembered gradients, `seen` and `state` =
   * [scale, numSeen, step, alpha] in place. Absent from addons built before it existed.
   */
  sagEpoch?(
    x: Float32Array | Float64Array,
    rows: number,
    cols: number,
    y: Int32Array,
    k: number,
    draws: Int32Array,
    w: Float64Array,
    intercept: Float64Array,
    sumGrad: Float64Array,
    sumInterceptGrad: Float64Array,
    memory: Float64Array,
    seen: Uint8Array,
    state: Float64Array,
  ): void;
  /**
   * Float32 GEMM on all cores: C (M x N) = op(A) op(B) (+ C when `accumulate`), then + bias (length N) and
   * the activation `act` (0 identity, 1 relu, 2 tanh, 3 sigmoid). op(A) is M x K, stored K x M when `transA`.
   */
  gemm?(
    a: Float32Array,
    transA: boolean,
    b: Float32Array,
    transB: boolean,
    c: Float32Array,
    m: number,
    n: number,
    k: number,
    bias: Float32Array | null,
    act: number,
    accumulate: boolean,
  ): void;
  /**
   * scikit-learn's SGD (`kind` 0) or Adam (1) update of every parameter, the L2 term `hyper[7]`·p added to
   * the gradients of the first `nWeights`; `hyper` = [lr, momentum, nesterov, beta1, beta2, epsilon, t,
   * decay]. Returns the sum of squares of the new weights.
   */
  sklearnUpdate?(
    kind: number,
    params: Float32Array[],
    grads: Float32Array[],
    state1: Float32Array[],
    state2: Float32Array[],
    nWeights: number,
    hyper: Float64Array,
  ): number;
}

/** The global symbol the kernels are published under. */
export const NATIVE_KERNELS_SYMBOL: unique symbol = Symbol.for("@mlp-lab/estimator-native-kernels") as never;

/** The published native kernels, or undefined (not loaded, or turned off). */
export function nativeKernels(): EstimatorNativeKernels | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.MLP_ESTIMATORS_NATIVE === "0") return undefined;
  const k = (globalThis as Record<symbol, unknown>)[NATIVE_KERNELS_SYMBOL] as
    | Partial<EstimatorNativeKernels>
    | undefined;
  return typeof k?.multinomialLossGrad === "function" ? (k as EstimatorNativeKernels) : undefined;
}
