import * as tf from "@tensorflow/tfjs-core";

/**
 * Negative log-likelihood of integer labels under log-probabilities, averaged over the batch
 * (PyTorch's `nn.NLLLoss()` applied to `log_softmax` outputs, i.e. cross-entropy).
 */
export function nllLoss(logProbs: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const picked = tf.sum(tf.mul(logProbs, tf.oneHot(labels, logProbs.shape[1])), 1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/** Number of rows whose argmax equals the label, as a scalar tensor. */
export function correctPredictions(logProbs: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logProbs, 1), labels), "int32")) as tf.Scalar);
}
