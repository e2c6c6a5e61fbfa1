import { Generator } from "@mlp-lab/random";
import * as tf from "@tensorflow/tfjs-core";
import { dense } from "./dense.js";
import { ModelError } from "./errors.js";
import { Module } from "./module.js";

/**
 * A fully connected layer, like `torch.nn.Linear`: `weight` is [out, in], `bias` is [out], both
 * initialised uniform in ±1/sqrt(in) (PyTorch's default: kaiming_uniform with a = sqrt(5)).
 */
export class Linear extends Module {
  /** Input features. */
  readonly inFeatures: number;
  /** Output features. */
  readonly outFeatures: number;
  /** [out, in] weight. */
  readonly weight: tf.Variable;
  /** [out] bias. */
  readonly bias: tf.Variable;

  constructor(inFeatures: number, outFeatures: number, rng: Generator = new Generator(0)) {
    super();
    for (const [what, n] of [
      ["inFeatures", inFeatures],
      ["outFeatures", outFeatures],
    ] as const) {
      if (!Number.isInteger(n) || n <= 0) {
        throw new ModelError("BAD_LAYERS", `Linear ${what} must be a positive integer, got ${n}`);
      }
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const bound = 1 / Math.sqrt(inFeatures);
    const w = rng.fillUniform(new Float32Array(outFeatures * inFeatures), -bound, bound);
    const b = rng.fillUniform(new Float32Array(outFeatures), -bound, bound);
    // In a tidy: tf.variable keeps its own reference, the temporary tensors must not outlive it.
    this.weight = this.registerParameter(
      "weight",
      tf.tidy(() => tf.variable(tf.tensor2d(w, [outFeatures, inFeatures]))),
    );
    this.bias = this.registerParameter(
      "bias",
      tf.tidy(() => tf.variable(tf.tensor1d(b))),
    );
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return [inputShape[0] ?? -1, this.outFeatures];
  }

  forward(x: tf.Tensor): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.inFeatures) {
      throw new ModelError(
        "BAD_INPUT_SHAPE",
        `Linear(${this.inFeatures}, ${this.outFeatures}) expects input [batch, ${this.inFeatures}], got [${x.shape}]`,
      );
    }
    return dense(x as tf.Tensor2D, this.weight as tf.Tensor2D, this.bias as tf.Tensor1D);
  }
}
