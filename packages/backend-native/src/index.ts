import * as tf from "@tensorflow/tfjs-core";
import { type NativeAddon, loadAddon } from "./addon.js";
import { NATIVE_BACKEND_NAME, NativeBackend, nativeKernelConfigs } from "./backend.js";

export { NATIVE_BACKEND_NAME, NATIVE_KERNELS, NativeBackend } from "./backend.js";
export { BufferPool } from "./buffer-pool.js";
export { NativeOptimizer } from "./native-optimizer.js";
export {
  FusedMlpTrainer,
  type FusedActivation,
  type FusedMlpTrainerOptions,
  type FusedOptimizer,
  type FusedOptimizerState,
} from "./trainer.js";

export type NativeStatus =
  | {
      available: true;
      simd: "avx512" | "avx2" | "sse" | "neon" | "scalar";
      threads: number;
      addonPath: string;
    }
  | { available: false; reason: string };

/** Lower than cpu (1) and wasm (2): never picked by tfjs on its own, only by name. */
const PRIORITY = -1;

let status: NativeStatus | undefined;

/** Loads the addon and registers a tfjs backend named "native" (once). Never throws. */
export function loadNativeBackend(): NativeStatus {
  if (status) return status;
  const load = loadAddon();
  if (!load.ok) {
    status = { available: false, reason: load.reason };
    return status;
  }
  try {
    if (!tf.findBackendFactory(NATIVE_BACKEND_NAME)) {
      for (const config of nativeKernelConfigs(load.addon)) tf.registerKernel(config);
      tf.registerBackend(NATIVE_BACKEND_NAME, () => new NativeBackend(), PRIORITY);
    }
    publishEstimatorKernels(load.addon);
    const info = load.addon.info();
    status = { available: true, simd: info.simd, threads: info.threads, addonPath: load.path };
  } catch (err) {
    status = { available: false, reason: `registering the native backend failed: ${(err as Error).message}` };
  }
  return status;
}

/**
 * `@mlp-lab/estimators` looks for native kernels on this global symbol (it does not depend on this
 * package): `LogisticRegression`'s L-BFGS objective then runs here on all cores.
 */
const ESTIMATOR_KERNELS = Symbol.for("@mlp-lab/estimator-native-kernels");

function publishEstimatorKernels(addon: NativeAddon): void {
  const fn = (addon as unknown as { multinomialLossGrad?: unknown }).multinomialLossGrad;
  if (typeof fn !== "function") return; // an addon built before this entry existed
  // sagEpoch / sklearnUpdate (native/estimators.inc) may be absent from an older addon; gemm and
  // sklearnUpdate serve MLPClassifier's native path
  const { sagEpoch, gemm, sklearnUpdate } = addon as Partial<NativeAddon>;
  (globalThis as Record<symbol, unknown>)[ESTIMATOR_KERNELS] = {
    multinomialLossGrad: fn,
    sagEpoch,
    gemm,
    sklearnUpdate,
  };
}

/**
 * @internal The raw addon (kernels on Float32Arrays) for benchmarks and tests; null when it is not built.
 * Its functions and their signatures may change without notice.
 */
export function getNativeAddon(): NativeAddon | null {
  const load = loadAddon();
  return load.ok ? load.addon : null;
}

export type { NativeAddon } from "./addon.js";
