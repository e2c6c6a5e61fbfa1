import * as tf from "@tensorflow/tfjs-core";
import { TrainingError } from "./errors.js";

/**
 * Scale gradients so that their global L2 norm is at most `maxNorm`, with PyTorch's
 * `clip_grad_norm_` formula: coef = maxNorm / (norm + 1e-6), applied only when coef < 1.
 * Returns the new gradients and the norm before clipping. Call inside `tf.tidy`.
 */
export function clipGradNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: number } {
  if (!(typeof maxNorm === "number" && maxNorm > 0 && Number.isFinite(maxNorm))) {
    throw new TrainingError("BAD_OPTION", `clipGradNorm: maxNorm must be a positive number, got ${maxNorm}`);
  }
  const entries = Object.entries(grads);
  if (entries.length === 0) return { grads, norm: 0 };
  const squares = entries.map(([, g]) => tf.sum(tf.square(g)));
  const norm = Math.sqrt(tf.addN(squares).dataSync()[0]!);
  const coef = maxNorm / (norm + 1e-6);
  if (coef >= 1) return { grads, norm };
  const out: Record<string, tf.Tensor> = {};
  for (const [name, g] of entries) out[name] = tf.mul(g, coef);
  return { grads: out, norm };
}
