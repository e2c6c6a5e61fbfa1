// `mlp predict` reads class probabilities through the experiments package.
export { modelProbabilities as predictProbabilities } from "@mlp-lab/experiments";
