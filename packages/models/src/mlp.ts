import { Generator } from "@mlp-lab/random";
import * as tf from "@tensorflow/tfjs-core";
import { ACTIVATIONS, type Activation, applyActivation } from "./activation.js";
import { ModelError } from "./errors.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";
import { badOption, knownKeys, requireObject } from "./validate-options.js";

/** Options of {@link MLP}. */
export interface MLPOptions {
  /** Non-linearity after each hidden layer. Default `relu`, like the course. */
  activation?: Activation;
  /** Dropout probability after each hidden activation, in training mode only. Default 0. */
  dropout?: number;
  /** Generator for the initial weights (and dropout masks). */
  rng?: Generator;
}

/**
 * The course's `MLP(d_layer)`: Linear layers of the given sizes, an activation after every hidden
 * layer, log-softmax output. Parameters are named `linears.<i>.weight` / `linears.<i>.bias`, so the
 * weights load into the course's PyTorch class unchanged. `MLP([784, 10])` is softmax regression.
 */
export class MLP extends Module {
  /** Layer sizes, input first. */
  readonly layers: readonly number[];
  /** The hidden activation. */
  readonly activation: Activation;
  /** Dropout probability. */
  readonly dropout: number;
  /** The Linear layers, in order. */
  readonly linears: Linear[];
  private readonly dropoutRng: Generator;

  constructor(layers: readonly number[], options: MLPOptions = {}) {
    super();
    requireObject("MLP", "options", options);
    knownKeys("MLP", "options", options as Record<string, unknown>, ["activation", "dropout", "rng"]);
    if (options.activation !== undefined && !ACTIVATIONS.includes(options.activation)) {
      badOption("MLP", "options.activation", `must be one of ${ACTIVATIONS.join(", ")}`, options.activation);
    }
    if (options.rng !== undefined && !(options.rng instanceof Generator)) {
      badOption("MLP", "options.rng", "must be a Generator from @mlp-lab/random", options.rng);
    }
    if (!Array.isArray(layers)) badOption("MLP", "layers", "must be an array of layer sizes", layers);
    if (layers.length < 2 || layers.some((n) => !Number.isInteger(n) || n <= 0)) {
      throw new ModelError(
        "BAD_LAYERS",
        `MLP layers must be at least two positive integers (input, ..., output), got [${layers.join(", ")}]`,
      );
    }
    const dropout = options.dropout ?? 0;
    if (!(dropout >= 0 && dropout < 1)) {
      throw new ModelError("BAD_LAYERS", `dropout must be in [0, 1), got ${dropout}`);
    }
    const rng = options.rng ?? new Generator(0);
    this.layers = [...layers];
    this.activation = options.activation ?? "relu";
    this.dropout = dropout;
    this.linears = [];
    for (let i = 0; i < layers.length - 1; i++) {
      this.linears.push(this.registerModule(`linears.${i}`, new Linear(layers[i]!, layers[i + 1]!, rng)));
    }
    this.dropoutRng = rng.fork();
  }

  /** Log-probabilities [batch, out] for inputs with `layers[0]` values per sample. */
  forward(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      let h: tf.Tensor = tf.reshape(x, [-1, this.layers[0]!]);
      const last = this.linears.length - 1;
      for (let i = 0; i < last; i++) {
        h = applyActivation(this.linears[i]!.forward(h), this.activation);
        if (this.training && this.dropout > 0) {
          h = tf.dropout(h, this.dropout, undefined, this.dropoutRng.nextUint32());
        }
      }
      return tf.logSoftmax(this.linears[last]!.forward(h), 1) as tf.Tensor2D;
    });
  }
}
