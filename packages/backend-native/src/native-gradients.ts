import * as tf from "@tensorflow/tfjs-core";
import type { GradConfig, Tensor } from "@tensorflow/tfjs-core";

/** The fused ReLU gradient kernel of the native backend: `dy * step(x)` in one pass (see backend.ts). */
export const RELU_GRAD_KERNEL = "MlpNativeReluGrad";

/** Name of the backend these gradients take their short path on (kept here to avoid an import cycle). */
const NATIVE = "native";

/**
 * Gradients of `Relu`, `Add`, `Sub` and `Multiply` that issue fewer kernels on the `native` backend and the
 * same numbers: tfjs's gradient of `Linear → ReLU` costs Step, Cast and Multiply for the ReLU and a Sum
 * plus a Reshape for the bias, and every kernel call costs several microseconds of engine bookkeeping (a
 * tensor, a scope entry, a data-store entry) whatever it computes. Here the ReLU gradient is one native
 * kernel, a same-dtype Cast is skipped and a Reshape to the shape a tensor already has is skipped (one is
 * kept where the gradient would otherwise be `dy` itself: the tape must get a tensor of its own).
 *
 * The registry is global: on any other backend each function runs tfjs's own formula (the ops of
 * tfjs-core's gradient, in the same order), so only the native backend sees a difference, and that only
 * in the number of kernels.
 */
const GRADIENTS: GradConfig[] = [
  {
    kernelName: "Relu",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved as Tensor[];
      const g = dy as Tensor;
      if (!x) throw new Error("Relu gradient: the input was not saved");
      return {
        x: () =>
          onNative() && x.dtype === "float32" && g.dtype === "float32"
            ? (tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: g, x }) as Tensor)
            : tf.mul(g, tf.cast(tf.step(x), "float32")),
      };
    },
  },
  {
    // Second order (a gradient of the ReLU gradient): linear in dy, zero almost everywhere in x.
    kernelName: RELU_GRAD_KERNEL,
    inputsToSave: ["x"],
    gradFunc: (ddx, saved) => {
      const [x] = saved as Tensor[];
      if (!x) throw new Error(`${RELU_GRAD_KERNEL} gradient: the input was not saved`);
      return {
        dy: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: ddx as Tensor, x }) as Tensor,
        x: () => tf.zerosLike(x),
      };
    },
  },
  {
    kernelName: "Add",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => broadcastGrads(dy as Tensor, saved as Tensor[], false, "Add"),
  },
  {
    kernelName: "Sub",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => broadcastGrads(dy as Tensor, saved as Tensor[], true, "Sub"),
  },
  {
    kernelName: "Multiply",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as Tensor[];
      if (!a || !b) throw new Error("Multiply gradient: the inputs were not saved");
      const g = dy as Tensor;
      const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const der = (self: Tensor, other: Tensor) => () => {
        const native = onNative();
        const res = tf.mul(g, native && other.dtype === "float32" ? other : tf.cast(other, "float32"));
        const axes = tf.backend_util.getReductionAxes(self.shape, outShape);
        if (axes.length === 0) return res;
        return fit(tf.sum(res, axes), self.shape, native);
      };
      return { a: der(a, b), b: der(b, a) };
    },
  },
];

/** Whether the engine runs on the native backend now (gradients run on the backend of their step). */
function onNative(): boolean {
  return tf.getBackend() === NATIVE;
}

/** `t` reshaped to `shape`, without a Reshape kernel on native when it already has that shape. */
function fit(t: Tensor, shape: number[], native: boolean): Tensor {
  return native && tf.util.arraysEqual(t.shape, shape) ? t : tf.reshape(t, shape);
}

/** Gradients of a broadcasting `a + b` or `a - b` (`negB`): d/da = dy, d/db = ±dy, summed to each shape. */
function broadcastGrads(
  dy: Tensor,
  saved: Tensor[],
  negB: boolean,
  name: string,
): Record<string, () => Tensor> {
  const [a, b] = saved;
  if (!a || !b) throw new Error(`${name} gradient: the inputs were not saved`);
  const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const reduced = (shape: number[]) => {
    const axes = tf.backend_util.getReductionAxes(shape, outShape);
    return axes.length > 0 ? tf.sum(dy, axes) : dy;
  };
  // dy itself is never returned: the tape would hold one tensor as the gradient of two inputs
  const own = (r: Tensor, shape: number[]) => (r === dy ? tf.reshape(r, shape) : fit(r, shape, onNative()));
  return {
    a: () => own(reduced(a.shape), a.shape),
    b: () => (negB ? fit(tf.neg(reduced(b.shape)), b.shape, onNative()) : own(reduced(b.shape), b.shape)),
  };
}

let installed = false;

/**
 * Registers the gradients above (once). Called when a native backend is created, after the application
 * imported tfjs's own gradients, so these take their place; importing tfjs's gradient registrations again
 * later puts tfjs's back (same numbers, more kernels).
 */
export function installNativeGradients(): void {
  if (installed) return;
  installed = true;
  for (const g of GRADIENTS) tf.registerGradient(g);
}
