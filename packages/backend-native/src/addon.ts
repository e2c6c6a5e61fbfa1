import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildIntoCache,
  cachedAddonDir,
  cachedAddonFile,
  nativeCacheRoot,
  toolchainProblems,
} from "./addon-cache.js";

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
  /** One epoch of the estimators' SAG solver (native/estimators.inc; twin of estimators' minimizeSag). */
  sagEpoch(
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
  /** MLPClassifier's SGD / Adam update of every parameter; returns the new weights' sum of squares. */
  sklearnUpdate(
    kind: number,
    params: Float32Array[],
    grads: Float32Array[],
    state1: Float32Array[],
    state2: Float32Array[],
    nWeights: number,
    hyper: Float64Array,
  ): number;
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
 * How to compile the addon from source by hand, for platforms without a prebuilt one (the package ships
 * linux-x64 glibc; elsewhere it compiles on first load when a toolchain is there). It needs a C++ toolchain;
 * the script prints what is missing.
 */
export function buildHint(): string {
  return `npx mlp-native-build (or: node ${join(packageRoot(), "scripts", "install.cjs")}; needs a C++ compiler, make, python3)`;
}

/** How to get a toolchain, per platform, for the reason `mlp doctor` prints. */
function toolchainHint(): string {
  if (process.platform === "darwin") return "xcode-select --install";
  if (process.platform === "win32")
    return "Visual Studio Build Tools with the C++ workload, and Python 3 (or: npm i -g node-gyp)";
  return "Debian/Ubuntu: sudo apt-get install build-essential python3; Alpine: apk add build-base python3; Fedora: sudo dnf install gcc-c++ make python3";
}

/** Package root: this module is dist/index.js (or src/*.ts under tests), one level below it. */
function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..");
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "0.0.0";
  }
}

export type AddonLoad = { ok: true; addon: NativeAddon; path: string } | { ok: false; reason: string };

let cached: AddonLoad | undefined;

interface NodeGypBuild {
  resolve(dir: string): string;
}

/** A set, non-empty, non-"0"/"false" environment variable. */
function flag(name: string): boolean {
  const v = process.env[name];
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/**
 * Where the addon is:
 * 1. `MLP_NATIVE_ADDON` (a .node file);
 * 2. what node-gyp-build picks: a local build (build/Release, from `mlp-native-build` or the workspace build),
 *    then the prebuilt addon for this platform, arch and libc (prebuilds/linux-x64/*.glibc.node). Skipped
 *    when `MLP_NATIVE_IGNORE_PREBUILDS` is set: for testing the next step on a machine that has a prebuild;
 * 3. the per-user cache (`MLP_NATIVE_CACHE_DIR`, else `$XDG_CACHE_HOME/mlp-lab/backend-native/<version>-abi<N>-<platform>-<arch>`):
 *    compiled there on the first load when a toolchain is present (not with `MLP_NATIVE_AUTOBUILD=0`).
 * Otherwise a reason that says why and the exact fix.
 */
function locateAddon(require: NodeJS.Require): { path: string } | { reason: string } {
  const override = process.env.MLP_NATIVE_ADDON;
  if (override) {
    const path = resolve(override);
    return existsSync(path) ? { path } : { reason: `native addon not found at MLP_NATIVE_ADDON=${path}` };
  }
  const platform = `${process.platform}-${process.arch}`;
  let missing = "no prebuilt one ships for it";
  if (!flag("MLP_NATIVE_IGNORE_PREBUILDS")) {
    try {
      const nodeGypBuild = require("node-gyp-build") as NodeGypBuild;
      return { path: nodeGypBuild.resolve(packageRoot()) };
    } catch (err) {
      missing = `the package ships a prebuilt one for linux-x64 (glibc) only; ${(err as Error).message.split("\n")[0]}`;
    }
  } else missing = "prebuilt and local builds ignored: MLP_NATIVE_IGNORE_PREBUILDS is set";
  const dir = cachedAddonDir(packageVersion());
  const file = cachedAddonFile(dir);
  if (existsSync(file)) return { path: file };
  const head = `no native addon for ${platform} (${missing}; none compiled yet in ${dir})`;
  if (process.env.MLP_NATIVE_AUTOBUILD === "0" || process.env.MLP_NATIVE_AUTOBUILD === "false")
    return {
      reason: `${head} (compiling on first load is off: MLP_NATIVE_AUTOBUILD=0). Compile it with: ${buildHint()}`,
    };
  if (!existsSync(join(packageRoot(), "binding.gyp")) || !existsSync(join(packageRoot(), "native")))
    return {
      reason: `${head}; the package's C++ sources are missing, so it cannot be compiled here. Compile it with: ${buildHint()}`,
    };
  const problems = toolchainProblems(packageRoot());
  if (problems.length > 0)
    return {
      reason:
        `${head}, and it cannot be compiled here: ${problems.join("; ")}. ` +
        `Fix: install a C++ toolchain (${toolchainHint()}); the next run then compiles it once (or now: ${buildHint()})`,
    };
  const built = buildIntoCache(packageRoot(), dir);
  if (built.ok) return { path: built.path };
  return {
    reason: `${head}: ${built.reason}. Compile it by hand with: ${buildHint()}`,
  };
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
    const fix = found.path.startsWith(nativeCacheRoot())
      ? `Delete ${dirname(found.path)} and the next load compiles it again, or compile one with: ${buildHint()}`
      : `Compile one for this machine with: ${buildHint()}`;
    cached = {
      ok: false,
      reason: `native addon at ${found.path} failed to load (${(err as Error).message}). ${fix}`,
    };
  }
  return cached;
}
