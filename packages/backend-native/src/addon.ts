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

/**
 * How to compile the addon from source, for platforms without a prebuilt one (the package ships linux-x64
 * glibc). It needs a C++ toolchain; the script prints what is missing.
 */
export function buildHint(): string {
  return `npx mlp-native-build (or: node ${join(packageRoot(), "scripts", "install.cjs")}; needs a C++ compiler, make, python3)`;
}

/** Package root: this module is dist/index.js (or src/*.ts under tests), one level below it. */
function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..");
}

export type AddonLoad = { ok: true; addon: NativeAddon; path: string } | { ok: false; reason: string };

let cached: AddonLoad | undefined;

interface NodeGypBuild {
  resolve(dir: string): string;
}

/**
 * Where the addon is: MLP_NATIVE_ADDON, else what node-gyp-build picks: a local build (build/Release, from
 * `mlp-native-build` or the workspace build) first, then the prebuilt addon for this platform, arch and libc
 * (prebuilds/linux-x64/*.glibc.node). Returns a reason when there is none.
 */
function locateAddon(require: NodeJS.Require): { path: string } | { reason: string } {
  const override = process.env.MLP_NATIVE_ADDON;
  if (override) {
    const path = resolve(override);
    return existsSync(path) ? { path } : { reason: `native addon not found at MLP_NATIVE_ADDON=${path}` };
  }
  try {
    const nodeGypBuild = require("node-gyp-build") as NodeGypBuild;
    return { path: nodeGypBuild.resolve(packageRoot()) };
  } catch (err) {
    const platform = `${process.platform}-${process.arch}`;
    return {
      reason:
        `no native addon for ${platform}: the package ships a prebuilt one for linux-x64 (glibc) only and none was ` +
        `compiled here (${(err as Error).message.split("\n")[0]}). Compile it with: ${buildHint()}`,
    };
  }
}

/** Loads the addon (see locateAddon for where from). Never throws. */
export function loadAddon(): AddonLoad {
  if (cached) return cached;
  if (process.env.MLP_NATIVE_DISABLE) {
    cached = { ok: false, reason: "disabled by the MLP_NATIVE_DISABLE environment variable" };
    return cached;
  }
  const require = createRequire(import.meta.url);
  const found = locateAddon(require);
  if ("reason" in found) {
    cached = { ok: false, reason: found.reason };
    return cached;
  }
  try {
    const addon = require(found.path) as NativeAddon;
    addon.info();
    cached = { ok: true, addon, path: found.path };
  } catch (err) {
    cached = {
      ok: false,
      reason: `native addon at ${found.path} failed to load (${(err as Error).message}). Compile one for this machine with: ${buildHint()}`,
    };
  }
  return cached;
}
