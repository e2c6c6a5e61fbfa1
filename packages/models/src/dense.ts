import * as tf from "@tensorflow/tfjs-core";

/**
 * y = x · Wᵀ + b with W stored as [out, in] (PyTorch's layout), written with explicit transposes
 * and its own gradient: tfjs's wasm backend runs transposed matrix products on a slow scalar
 * path, so every product here is a plain one (3-4x faster training there, same numbers).
 */
export const dense = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, weight, bias, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  // Saved tensors survive the tidy scopes of the forward pass; closed-over ones would not.
  save([x, weight]);
  const y = tf.add(tf.matMul(x, tf.transpose(weight)), bias);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, w] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, w), tf.matMul(tf.transpose(g), xs), tf.sum(g, 0)];
    },
  };
}) as (x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor2D;
