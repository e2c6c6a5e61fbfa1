import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The functions the compiled addon (native/addon.cc) exports. */
export interface NativeAddon {
  info(): { simd: "avx512" | "avx2" | "sse" | "neon" | "scalar"; threads: number };
  selectSimd(name: string): boolean;
  gemm(
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
  binary(
    op: number,
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    n: number,
    inner: number,
    mode: number,
  ): void;
  unary(op: number, x: Float32Array, out: Float32Array, n: number, alpha: number): void;
  binaryGrad(op: number, x: Float32Array, dy: Float32Array, out: Float32Array, n: number): void;
  reduce(op: number, x: Float32Array, out: Float32Array, outer: number, inner: number): void;
  reduceCols(op: number, x: Float32Array, out: Float32Array, outer: number, inner: number): void;
  softmax(x: Float32Array, out: Float32Array, outer: number, inner: number): void;
  transpose(x: Float32Array, out: Float32Array, batch: number, rows: number, cols: number): void;
  mlpCreate(sizes: Int32Array, act: number, params: Float32Array[], opt: object, maxBatch: number): object;
  mlpStep(h: object, x: Float32Array, y: Int32Array, batch: number, out: Float64Array): void;
  mlpEval(h: object, x: Float32Array, y: Int32Array, n: number, pred: Int32Array, out: Float64Array): void;
  mlpSetLr(h: object, lr: number): void;
  mlpGetState(h: object): { step: number; buffers: Float32Array[] };
  mlpSetState(h: object, step: number, buffers: Float32Array[]): void;
  mlpDispose(h: object): void;
}

// Codes shared with native/common.h
export const ACT = { identity: 0, relu: 1, tanh: 2, sigmoid: 3 } as const;
export const BIN = { add: 0, sub: 1, mul: 2, div: 3, max: 4, min: 5, sqdiff: 6 } as const;
export const UN = {
  relu: 0,
  neg: 1,
  exp: 2,
  log: 3,
  sqrt: 4,
  square: 5,
  abs: 6,
  step: 7,
  tanh: 8,
  sigmoid: 9,
  relu6: 10,
} as const;
export const RED = { sum: 0, max: 1, min: 2, mean: 3, logsumexp: 4 } as const;

export const BUILD_HINT = "pnpm --filter @mlp-lab/backend-native build:native";

/** Package root: this module is dist/index.js (or src/*.ts under tests), one level below it. */
function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..");
}

export type AddonLoad = { ok: true; addon: NativeAddon; path: string } | { ok: false; reason: string };

let cached: AddonLoad | undefined;

/** Loads build/Release/mlp_native.node (or MLP_NATIVE_ADDON). Never throws. */
export function loadAddon(): AddonLoad {
  if (cached) return cached;
  const override = process.env.MLP_NATIVE_ADDON;
  const path = override ? resolve(override) : join(packageRoot(), "build", "Release", "mlp_native.node");
  if (process.env.MLP_NATIVE_DISABLE) {
    cached = { ok: false, reason: "disabled by the MLP_NATIVE_DISABLE environment variable" };
    return cached;
  }
  if (!existsSync(path)) {
    cached = {
      ok: false,
      reason:
        `native addon not built (${path} is missing: the install-time node-gyp build failed or was skipped; ` +
        `it needs g++, make, python3 and the Node headers). Build it with: ${BUILD_HINT}`,
    };
    return cached;
  }
  try {
    const require = createRequire(import.meta.url);
    const addon = require(path) as NativeAddon;
    addon.info();
    cached = { ok: true, addon, path };
  } catch (err) {
    cached = {
      ok: false,
      reason: `native addon at ${path} failed to load (${(err as Error).message}). Rebuild it with: ${BUILD_HINT}`,
    };
  }
  return cached;
}
