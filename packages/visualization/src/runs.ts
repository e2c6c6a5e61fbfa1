// `@mlp-lab/visualization/runs`: figures of a run in a run store (Node: reads its files).
export {
  RUN_FIGURES,
  type RunFigureName,
  type RunFigureSources,
  type RunImages,
  type RunWeights,
  firstLayerWeightsSvg,
  historyOf,
  imageBatchOf,
  overlayCurvesSvg,
  runFigureSvg,
} from "./run-figures.js";
