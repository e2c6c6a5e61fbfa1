import { formatBackend, useBackend } from "@mlp-lab/backend";
import * as tf from "@tensorflow/tfjs-core";

const backend = await useBackend("auto"); // or "webgpu" | "native" | "cuda" | "tensorflow" | "wasm" | "cpu", or env MLP_BACKEND
console.log(formatBackend(backend));
// native (avx512, 2 threads, Intel Xeon (2 cores)) · tfjs 4.22.0
//   skipped cuda: …
//   skipped tensorflow: @tensorflow/tfjs-node is not installed (…)
console.log(tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).arraySync()); // [[3, 3], [3, 3]]
