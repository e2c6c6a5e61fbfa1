import { Generator } from "@mlp-lab/random";
import * as tf from "@tensorflow/tfjs-core";
import { Linear } from "./linear.js";
import { Module } from "./module.js";

/**
 * The course's `TwoLayerMLP`: two Linear layers with no activation between them, log-softmax
 * output. Parameters are named `linear1.weight`, `linear1.bias`, `linear2.weight`, `linear2.bias`.
 */
export class TwoLayerMLP extends Module {
  /** Input features. */
  readonly dIn: number;
  /** First layer. */
  readonly linear1: Linear;
  /** Output layer. */
  readonly linear2: Linear;

  constructor(dIn: number, dHidden: number, dOut: number, rng: Generator = new Generator(0)) {
    super();
    this.dIn = dIn;
    this.linear1 = this.registerModule("linear1", new Linear(dIn, dHidden, rng));
    this.linear2 = this.registerModule("linear2", new Linear(dHidden, dOut, rng));
  }

  /** Log-probabilities [batch, dOut] for inputs of any shape with dIn values per sample. */
  forward(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const flat = tf.reshape(x, [-1, this.dIn]);
      return tf.logSoftmax(this.linear2.forward(this.linear1.forward(flat)), 1) as tf.Tensor2D;
    });
  }
}
