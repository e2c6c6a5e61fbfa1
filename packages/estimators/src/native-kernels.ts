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
