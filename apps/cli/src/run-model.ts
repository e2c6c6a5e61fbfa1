// A run's checkpoint as a model, from the experiments package (used by `mlp predict`).
export { loadRunModel } from "@mlp-lab/experiments";
