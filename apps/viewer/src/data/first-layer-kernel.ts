import type { StateDict } from "@mlp-lab/models";

/** The first layer's weights laid out as `weightMapsSvg` takes them. */
export interface FirstLayerKernel {
  /** [inputs, units] row-major, like a tfjs Dense kernel. */
  kernel: Float32Array;
  units: number;
  width: number;
  height: number;
  /** The tensor it came from, e.g. `linears.0.weight`. */
  source: string;
}

// PyTorch names of the first Linear in each model family (MLP and softmax regression, TwoLayerMLP).
const FIRST_LAYER_NAMES = ["linears.0.weight", "linear1.weight"];

/**
 * The first Linear's `[out, in]` weight transposed to `[in, out]`, with the input image size when the input
 * is one square grayscale image (MNIST 28x28). Returns a sentence saying why not otherwise.
 */
export function firstLayerKernel(state: StateDict): FirstLayerKernel | string {
  const source = FIRST_LAYER_NAMES.find((name) => state[name] !== undefined);
  if (!source) return `no first-layer weight in the checkpoint (looked for ${FIRST_LAYER_NAMES.join(", ")})`;
  const { shape, data } = state[source]!;
  if (shape.length !== 2) return `${source} has shape [${shape.join(", ")}], expected [out, in]`;
  const [units, inputs] = shape as [number, number];
  const side = Math.round(Math.sqrt(inputs));
  if (side * side !== inputs) {
    return `the model takes ${inputs} inputs, not one square grayscale image, so its weights are not drawn as images`;
  }
  const kernel = new Float32Array(inputs * units);
  for (let u = 0; u < units; u++) {
    for (let p = 0; p < inputs; p++) kernel[p * units + u] = data[u * inputs + p]!;
  }
  return { kernel, units, width: side, height: side, source };
}
