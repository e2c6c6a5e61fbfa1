import * as tf from "@tensorflow/tfjs-core";

/** Non-linearities available between hidden layers. */
export type Activation = "relu" | "tanh" | "sigmoid" | "identity";

/** Every activation name, for flag validation. */
export const ACTIVATIONS: readonly Activation[] = ["relu", "tanh", "sigmoid", "identity"];

/** Apply an activation function. */
export function applyActivation(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case "relu":
      return tf.relu(x);
    case "tanh":
      return tf.tanh(x);
    case "sigmoid":
      return tf.sigmoid(x);
    case "identity":
      return x;
  }
}
