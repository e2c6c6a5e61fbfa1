import { useBackend } from "@mlp-lab/backend";
import { MLP, createModel, encodeSafetensors } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";

await useBackend("wasm");
const model = new MLP([784, 512, 256, 128, 64, 10], { activation: "relu", dropout: 0.2 });
console.log(model.summary()); // Layer (type) / Output Shape / Param # ... Total params: 575,050
const logProbs = model.forward(tf.zeros([2, 784])); // [2, 10] log-probabilities
const bytes = encodeSafetensors(model.stateDict(), { format: "pt" }); // loads in PyTorch
const softmax = createModel({ kind: "softmax", dIn: 784, dOut: 10 }, 1); // SoftmaxRegression
console.log(logProbs.shape, bytes.length, softmax.constructor.name);
