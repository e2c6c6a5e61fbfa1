import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import type {
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from "@tensorflow/tfjs-core";
import { ACT, BIN, type NativeAddon, RED, UN } from "./addon.js";
import { BufferPool } from "./buffer-pool.js";
import { RELU_GRAD_KERNEL, installNativeGradients } from "./native-gradients.js";

/** native/common.h `GRAD_RELU_TF`: `dy * step(x)` with tfjs's NaN handling. */
const GRAD_RELU_TF = 1;

export const NATIVE_BACKEND_NAME = "native";

/**
 * The `native` backend: the cpu backend's storage (Float32Arrays in its data store) and every cpu kernel,
 * with the hot kernels replaced by native ones that read and write those arrays in place.
 */
export class NativeBackend extends MathBackendCPU {
  /** Recycled output arrays of the native kernels (see {@link BufferPool}). */
  readonly pool = new BufferPool();

  constructor() {
    super();
    // The cpu backend's first write prints "install tfjs-node to speed things up": not for this backend.
    (this as unknown as { firstUse: boolean }).firstUse = false;
    // Created by tf.setBackend, after the application registered tfjs's gradients: replace a few with
    // gradients that need fewer kernels here (same numbers; see native-gradients.ts).
    installNativeGradients();
  }

  // A read hands the array itself to the caller (the cpu backend does not copy): never recycle it.
  override readSync(dataId: object): tf.backend_util.BackendValues {
    this.pool.escape(this.data.get(dataId)?.values);
    return super.readSync(dataId);
  }

  override async read(dataId: object): Promise<tf.backend_util.BackendValues> {
    return this.readSync(dataId);
  }

  override disposeData(dataId: object, force = false): boolean {
    const values = this.data.get(dataId)?.values;
    const released = super.disposeData(dataId, force);
    if (released && values && !this.data.has(dataId)) this.pool.release(values);
    return released;
  }

  override dispose(): void {
    this.pool.clear();
    super.dispose();
  }
}

type Backend = MathBackendCPU;

/** An output array for a native kernel: from the backend's pool when it has one. */
function output(backend: Backend, n: number): Float32Array {
  return backend instanceof NativeBackend ? backend.pool.alloc(n) : new Float32Array(n);
}

/**
 * cpu kernels that never return a view of an input's array: their inputs stay recyclable. Any other cpu
 * kernel (Slice returns a subarray when it can) marks its inputs' arrays as escaped.
 */
const VIEW_FREE_CPU_KERNELS = new Set([
  "Identity", // shares the dataId (reference counted), no view
  "Reshape",
  "ExpandDims",
  "Squeeze",
  "Cast",
  "OneHot",
  "ZerosLike",
  "OnesLike",
  "Fill",
  "ArgMax",
  "ArgMin",
  "Equal",
  "Greater",
  "GreaterEqual",
  "Less",
  "LessEqual",
  "LogSoftmax",
  "Prod",
  "Pow",
  "Tile",
  "Pad",
  "GatherV2",
  "Select",
  "Where",
]);
type Args = { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

function f32(backend: Backend, t: TensorInfo | undefined): Float32Array | null {
  if (!t || t.dtype !== "float32") return null;
  const v = backend.data.get(t.dataId)?.values;
  return v instanceof Float32Array ? v : null;
}

function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Whether `small`, without leading 1s, equals the trailing dimensions of `out`. */
function isTrailing(small: readonly number[], out: readonly number[]): boolean {
  let s = 0;
  while (s < small.length && small[s] === 1) s++;
  const rest = small.slice(s);
  if (rest.length > out.length) return false;
  const tail = out.slice(out.length - rest.length);
  return sameShape(rest, tail);
}

/** Whether `small` is `out` with its last dimension 1 (`[..., rows, 1]` against `[..., rows, cols]`). */
function isColumn(small: readonly number[], out: readonly number[]): boolean {
  const r = out.length;
  if (r < 2 || small[small.length - 1] !== 1) return false;
  return isTrailing(small.slice(0, -1), out.slice(0, -1)) && size(small) === size(out.slice(0, -1));
}

/** Builds the kernel configs of the native backend: the cpu ones with native overrides. */
export function nativeKernelConfigs(addon: NativeAddon): KernelConfig[] {
  const cpu = new Map<string, KernelConfig>();
  for (const k of tf.getKernelsForBackend("cpu")) cpu.set(k.kernelName, k);
  const fallback = (name: string): KernelFunc => {
    const k = cpu.get(name);
    if (!k) throw new Error(`cpu kernel ${name} missing`);
    return k.kernelFunc;
  };
  const overrides = new Map<string, KernelFunc>();

  // ---------------------------------------------------------------- element-wise binary
  const binary = (name: string, op: number) => {
    const fb = fallback(name);
    overrides.set(name, ((args: Args) => {
      const backend = args.backend as Backend;
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const av = f32(backend, a);
      const bv = f32(backend, b);
      if (!av || !bv) return fb(args as never);
      const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const n = size(outShape);
      const sa = av.length;
      const sb = bv.length;
      let mode = -1;
      let inner = 1;
      if (sa === n && sb === n) mode = 0;
      else if (sa === n && sb === 1) mode = 1;
      else if (sb === n && sa === 1) mode = 2;
      else if (sa === n && isTrailing(b.shape, outShape)) {
        mode = 3;
        inner = sb;
      } else if (sb === n && isTrailing(a.shape, outShape)) {
        mode = 4;
        inner = sa;
      } else if (sa === n && sb > 0 && isColumn(b.shape, outShape)) {
        mode = 5; // [rows, cols] OP [rows, 1]: the log-softmax and its gradient
        inner = n / sb;
      } else if (sb === n && sa > 0 && isColumn(a.shape, outShape)) {
        mode = 6;
        inner = n / sa;
      }
      if (mode < 0 || n === 0) return fb(args as never);
      const out = output(backend, n);
      addon.binary(op, av, bv, out, n, inner, mode);
      return backend.makeTensorInfo(outShape, "float32", out);
    }) as unknown as KernelFunc);
  };
  binary("Add", BIN.add);
  binary("Sub", BIN.sub);
  binary("Multiply", BIN.mul);
  binary("RealDiv", BIN.div);
  binary("Maximum", BIN.max);
  binary("Minimum", BIN.min);
  binary("SquaredDifference", BIN.sqdiff);

  // ---------------------------------------------------------------- element-wise unary
  const unary = (name: string, op: number, alphaAttr?: string) => {
    const fb = fallback(name);
    overrides.set(name, ((args: Args) => {
      const backend = args.backend as Backend;
      const { x } = args.inputs as { x: TensorInfo };
      const xv = f32(backend, x);
      if (!xv) return fb(args as never);
      const out = output(backend, xv.length);
      const alpha = alphaAttr ? Number(args.attrs?.[alphaAttr] ?? 0) : 0;
      addon.unary(op, xv, out, xv.length, alpha);
      return backend.makeTensorInfo(x.shape, "float32", out);
    }) as unknown as KernelFunc);
  };
  unary("Relu", UN.relu);
  unary("Relu6", UN.relu6);
  unary("Neg", UN.neg);
  unary("Exp", UN.exp);
  unary("Log", UN.log);
  unary("Sqrt", UN.sqrt);
  unary("Square", UN.square);
  unary("Abs", UN.abs);
  unary("Step", UN.step, "alpha");
  unary("Tanh", UN.tanh);
  unary("Sigmoid", UN.sigmoid);

  // ---------------------------------------------------------------- reductions (trailing or leading axes)
  // Sum/Min/Mean take `axis`, Max takes `reductionIndices`.
  const reduction = (name: string, op: number) => {
    const fb = fallback(name);
    overrides.set(name, ((args: Args) => {
      const backend = args.backend as Backend;
      const { x } = args.inputs as { x: TensorInfo };
      const xv = f32(backend, x);
      if (!xv || xv.length === 0) return fb(args as never);
      const axes = tf.util
        .parseAxisParam((args.attrs?.axis ?? args.attrs?.reductionIndices) as number | number[], x.shape)
        .slice()
        .sort((p, q) => p - q);
      const r = x.shape.length;
      if (axes.length === 0) return fb(args as never);
      const trailing = axes.every((ax, i) => ax === r - axes.length + i);
      const leading = axes.every((ax, i) => ax === i);
      if (!trailing && !leading) return fb(args as never);
      const keepDims = Boolean(args.attrs?.keepDims);
      const outShape = keepDims
        ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d))
        : x.shape.filter((_, i) => !axes.includes(i));
      const reduced = size(axes.map((ax) => x.shape[ax] as number));
      const kept = xv.length / reduced;
      const out = output(backend, kept);
      if (trailing) addon.reduce(op, xv, out, kept, reduced);
      else addon.reduceCols(op, xv, out, reduced, kept);
      return backend.makeTensorInfo(outShape, "float32", out);
    }) as unknown as KernelFunc);
  };
  reduction("Sum", RED.sum);
  reduction("Max", RED.max);
  reduction("Min", RED.min);
  reduction("Mean", RED.mean);

  // ---------------------------------------------------------------- softmax (last axis)
  {
    const fb = fallback("Softmax");
    overrides.set("Softmax", ((args: Args) => {
      const backend = args.backend as Backend;
      const { logits } = args.inputs as { logits: TensorInfo };
      const xv = f32(backend, logits);
      const dim = Number(args.attrs?.dim ?? -1);
      const r = logits.shape.length;
      if (!xv || xv.length === 0 || (dim !== -1 && dim !== r - 1)) return fb(args as never);
      const inner = logits.shape[r - 1] as number;
      const out = output(backend, xv.length);
      addon.softmax(xv, out, xv.length / inner, inner);
      return backend.makeTensorInfo(logits.shape, "float32", out);
    }) as unknown as KernelFunc);
  }

  // ---------------------------------------------------------------- transpose of the last two axes
  {
    const fb = fallback("Transpose");
    overrides.set("Transpose", ((args: Args) => {
      const backend = args.backend as Backend;
      const { x } = args.inputs as { x: TensorInfo };
      const xv = f32(backend, x);
      const perm = (args.attrs?.perm as number[] | undefined) ?? [];
      const r = x.shape.length;
      // native when perm swaps the last two axes and keeps the others in place
      const swapLast =
        r >= 2 &&
        perm.length === r &&
        perm[r - 1] === r - 2 &&
        perm[r - 2] === r - 1 &&
        perm.slice(0, r - 2).every((p, i) => p === i);
      if (!xv || !swapLast) return fb(args as never);
      const rows = x.shape[r - 2] as number;
      const cols = x.shape[r - 1] as number;
      const out = output(backend, xv.length);
      addon.transpose(xv, out, rows * cols === 0 ? 0 : xv.length / (rows * cols), rows, cols);
      const shape = [...x.shape.slice(0, r - 2), cols, rows];
      return backend.makeTensorInfo(shape, "float32", out);
    }) as unknown as KernelFunc);
  }

  // ---------------------------------------------------------------- matrix products
  const matmul = (
    backend: Backend,
    a: TensorInfo,
    b: TensorInfo,
    transposeA: boolean,
    transposeB: boolean,
    bias: TensorInfo | undefined,
    act: number,
  ): TensorInfo | null => {
    const av = f32(backend, a);
    const bv = f32(backend, b);
    if (!av || !bv || a.shape.length < 2 || b.shape.length < 2) return null;
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = (transposeA ? a.shape[ra - 1] : a.shape[ra - 2]) as number;
    const ka = (transposeA ? a.shape[ra - 2] : a.shape[ra - 1]) as number;
    const kb = (transposeB ? b.shape[rb - 1] : b.shape[rb - 2]) as number;
    const n = (transposeB ? b.shape[rb - 2] : b.shape[rb - 1]) as number;
    if (ka !== kb) return null; // let the cpu kernel produce tfjs's error message
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    let outer: number[];
    try {
      outer = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
    } catch {
      return null;
    }
    const batch = size(outer);
    const batchA = size(outerA);
    const batchB = size(outerB);
    if (!((batchA === batch || batchA === 1) && (batchB === batch || batchB === 1))) return null;
    let biasV: Float32Array | null = null;
    if (bias) {
      biasV = f32(backend, bias);
      if (!biasV || biasV.length !== n || !isTrailing(bias.shape, [m, n])) return null;
    }
    const out = output(backend, batch * m * n);
    const sa = m * ka;
    const sb = ka * n;
    for (let i = 0; i < batch; i++) {
      const ai = batchA === 1 ? av : av.subarray(i * sa, (i + 1) * sa);
      const bi = batchB === 1 ? bv : bv.subarray(i * sb, (i + 1) * sb);
      const ci = batch === 1 ? out : out.subarray(i * m * n, (i + 1) * m * n);
      addon.gemm(ai, transposeA, bi, transposeB, ci, m, n, ka, biasV, act, false);
    }
    return backend.makeTensorInfo([...outer, m, n], "float32", out);
  };

  {
    const fb = fallback("BatchMatMul");
    overrides.set("BatchMatMul", ((args: Args) => {
      const backend = args.backend as Backend;
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const res = matmul(
        backend,
        a,
        b,
        Boolean(args.attrs?.transposeA),
        Boolean(args.attrs?.transposeB),
        undefined,
        ACT.identity,
      );
      return res ?? fb(args as never);
    }) as unknown as KernelFunc);
  }
  {
    const fb = fallback("_FusedMatMul");
    overrides.set("_FusedMatMul", ((args: Args) => {
      const backend = args.backend as Backend;
      const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
      const activation = (args.attrs?.activation as string | undefined) ?? "linear";
      const act = activation === "linear" ? ACT.identity : activation === "relu" ? ACT.relu : -1;
      if (act < 0 || preluActivationWeights || !a || !b) return fb(args as never);
      const res = matmul(
        backend,
        a,
        b,
        Boolean(args.attrs?.transposeA),
        Boolean(args.attrs?.transposeB),
        bias,
        act,
      );
      return res ?? fb(args as never);
    }) as unknown as KernelFunc);
  }

  const configs: KernelConfig[] = [];
  // The ReLU gradient in one kernel (registered for the native backend only; native-gradients.ts uses it
  // there and tfjs's Step/Cast/Multiply elsewhere).
  configs.push({
    kernelName: RELU_GRAD_KERNEL,
    backendName: NATIVE_BACKEND_NAME,
    kernelFunc: ((args: Args) => {
      const backend = args.backend as Backend;
      const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
      const dv = f32(backend, dy);
      const xv = f32(backend, x);
      if (!dv || !xv || dv.length !== xv.length)
        throw new Error(`${RELU_GRAD_KERNEL}: dy and x must be float32 tensors of one size`);
      const out = output(backend, xv.length);
      addon.binaryGrad(GRAD_RELU_TF, xv, dv, out, xv.length);
      return backend.makeTensorInfo(x.shape, "float32", out);
    }) as unknown as KernelFunc,
  });
  for (const [name, k] of cpu) {
    const kernelFunc =
      overrides.get(name) ?? (VIEW_FREE_CPU_KERNELS.has(name) ? k.kernelFunc : escaping(k.kernelFunc));
    configs.push({ ...k, backendName: NATIVE_BACKEND_NAME, kernelFunc });
  }
  return configs;
}

/** A cpu kernel whose float32 inputs' arrays may end up shared with its output: mark them escaped. */
function escaping(inner: KernelFunc): KernelFunc {
  return ((args: Args) => {
    const backend = args.backend;
    if (backend instanceof NativeBackend) {
      for (const t of Object.values(args.inputs))
        if (t) backend.pool.escape(backend.data.get(t.dataId)?.values);
    }
    return inner(args as never);
  }) as unknown as KernelFunc;
}

/** Names of the kernels the native backend implements natively (the rest are the cpu backend's). */
export const NATIVE_KERNELS = [
  "Add",
  "Sub",
  "Multiply",
  "RealDiv",
  "Maximum",
  "Minimum",
  "SquaredDifference",
  "Relu",
  "Relu6",
  "Neg",
  "Exp",
  "Log",
  "Sqrt",
  "Square",
  "Abs",
  "Step",
  "Tanh",
  "Sigmoid",
  "Sum",
  "Max",
  "Min",
  "Mean",
  "Softmax",
  "Transpose",
  "BatchMatMul",
  "_FusedMatMul",
  RELU_GRAD_KERNEL,
] as const;
