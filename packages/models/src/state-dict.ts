/** One named tensor of a state dict, as plain data (row-major float32, PyTorch's layout). */
export interface TensorData {
  /** Dimensions, e.g. [out, in] for a Linear weight. */
  shape: number[];
  /** Row-major values. */
  data: Float32Array;
}

/** Parameters by PyTorch-style dotted name (`linears.0.weight`), in registration order. */
export type StateDict = Record<string, TensorData>;

/** Number of elements a shape holds. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
