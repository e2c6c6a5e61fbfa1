export { ACTIVATIONS, type Activation } from "./activation.js";
export { dense } from "./dense.js";
export { ModelError, type ModelErrorCode } from "./errors.js";
export { Linear } from "./linear.js";
export { MLP, type MLPOptions } from "./mlp.js";
export { type ModelConfig, createModel, layerSizes } from "./model-config.js";
export { Module } from "./module.js";
export { type PredictOptions, predictProbabilities } from "./predict.js";
export {
  type DecodedSafetensors,
  SAFETENSORS_MAX_HEADER_BYTES,
  type SafetensorsFault,
  SafetensorsError,
  decodeSafetensors,
  encodeSafetensors,
} from "./safetensors.js";
export { SoftmaxRegression } from "./softmax-regression.js";
export { type ModelSummary, type Summarizable, type SummaryRow, summary } from "./summary.js";
export type { StateDict, TensorData } from "./state-dict.js";
export { TwoLayerMLP } from "./two-layer-mlp.js";
