import { FusedMlpTrainer, NATIVE_BACKEND_NAME, loadNativeBackend } from "@mlp-lab/backend-native";
import * as tf from "@tensorflow/tfjs-core";

const status = loadNativeBackend(); // never throws: { available: true, simd: "avx512", threads: 2, addonPath }
if (!status.available) throw new Error(status.reason); // why, and the command that compiles the addon
await tf.setBackend(NATIVE_BACKEND_NAME);

const layers = [784, 50, 10];
const params = []; // [W0, b0, W1, b1], W as [out, in] row-major (PyTorch)
for (let l = 0; l + 1 < layers.length; l++) {
  params.push(Float32Array.from({ length: layers[l + 1] * layers[l] }, () => (Math.random() - 0.5) / 14));
  params.push(new Float32Array(layers[l + 1]));
}
const trainer = new FusedMlpTrainer({
  layers,
  activation: "relu",
  params,
  optimizer: { kind: "sgd", lr: 0.01, momentum: 0.5 },
});
const x = Float32Array.from({ length: 64 * 784 }, () => Math.random()); // a batch of 64 images
const y = Int32Array.from({ length: 64 }, (_, i) => i % 10);
const { loss, correct } = trainer.step(x, y, 64); // one fused SGD step
const state = trainer.getOptimizerState(); // { step, buffers } for checkpoints; setOptimizerState(state)
console.log(status.simd, loss, correct, state.step);
trainer.dispose();
